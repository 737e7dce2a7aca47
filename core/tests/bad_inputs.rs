//! Replays the bad-input corpus `tests/bad/*.json` (format and rules: `tests/README.md`, "Bad
//! inputs") on `kefu_core::Engine`: `decide` on a JSON value, `decide_json` for JSON text,
//! `Engine::from_value` / `from_json` for policies, `evaluate_batch_value` for batches; every
//! case whose input is a JSON value without specials again through `decide_from` on serde_json's
//! deserializer (core's second decoder, for hosts' structured values), which must give the same
//! code and path. After each case the same engine
//! must still answer a good request (from `tests/cases`) as expected.
//!
//! One test per corpus file (the built-in harness cannot make a test per case; each failure
//! names its case). The cases of a file run in a child process (this test binary again, test
//! `child_process_entry`, on a thread with a main thread's 8 MiB stack), so that a crash (a
//! stack overflow, an abort) ends only the child: the case that was running is recorded as a
//! crash and a new child goes on with the next case.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kefu_core::Engine;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The corpus must keep at least this many cases.
const MIN_CASES: usize = 120;

/// Specials a `serde_json::Value` has no form for (tests/README.md "Bad inputs").
const NOT_EXPRESSIBLE: &[&str] = &[
    "nan",
    "inf",
    "-inf",
    "lone_surrogate",
    "bytes",
    "undefined",
    "bigint",
    "function",
    "symbol",
    "date",
    "set",
    "object",
    "int",
    "circular",
];

const MARK: &str = "KEFU-BAD ";

macro_rules! corpus_files {
    ($($file:ident),* $(,)?) => {
        /// Every corpus file, one test each.
        const FILES: &[&str] = &[$(concat!(stringify!($file), ".json")),*];
        $(
            #[test]
            fn $file() {
                check_file(concat!(stringify!($file), ".json"));
            }
        )*
    };
}

corpus_files!(
    batches, dates, enums, fields, nesting, numbers, platforms, policy, requests, text, types
);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load_cases(file: &str) -> Vec<Value> {
    let path = root().join("tests/bad").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let suite: Value = serde_json::from_str(&text).unwrap();
    suite["cases"].as_array().unwrap().clone()
}

fn specials_in(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Array(items) => items.iter().for_each(|x| specials_in(x, out)),
        Value::Object(map) => {
            if let Some(Value::String(name)) = map.get("$bad") {
                out.insert(name.clone());
            }
            map.values().for_each(|x| specials_in(x, out));
        }
        _ => {}
    }
}

fn case_specials(c: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for k in ["input", "input_text", "policy", "policy_text", "batch"] {
        if let Some(v) = c.get(k) {
            specials_in(v, &mut out);
        }
    }
    out
}

/// A special this host cannot express.
struct NotExpressible(String);

/// A corpus value as a `serde_json::Value`: every `{"$bad": …}` replaced by what it stands for.
fn expand(v: &Value) -> Result<Value, NotExpressible> {
    Ok(match v {
        Value::Array(items) => Value::Array(items.iter().map(expand).collect::<Result<_, _>>()?),
        Value::Object(map) => match map.get("$bad") {
            Some(Value::String(name)) => special(name, map)?,
            _ => {
                let mut out = Map::new();
                for (k, x) in map {
                    out.insert(k.clone(), expand(x)?);
                }
                Value::Object(out)
            }
        },
        other => other.clone(),
    })
}

fn special(name: &str, s: &Map<String, Value>) -> Result<Value, NotExpressible> {
    match name {
        "repeat" => Ok(Value::String(
            s["text"]
                .as_str()
                .unwrap()
                .repeat(s["times"].as_u64().unwrap() as usize),
        )),
        "nest" => {
            // Built from the inside out, in a loop: no recursion however deep.
            let mut v = expand(&s["leaf"])?;
            for _ in 0..s["depth"].as_u64().unwrap() {
                v = match s.get("key").and_then(Value::as_str) {
                    Some(key) => {
                        let mut m = Map::new();
                        m.insert(key.to_owned(), v);
                        Value::Object(m)
                    }
                    None => Value::Array(vec![v]),
                };
            }
            Ok(v)
        }
        "with_key" => {
            let mut o = expand(s.get("object").unwrap_or(&json!({})))?;
            let Value::String(key) = expand(&s["key"])? else {
                panic!("with_key: the key must be a string");
            };
            o.as_object_mut().unwrap().insert(key, expand(&s["value"])?);
            Ok(o)
        }
        other => Err(NotExpressible(other.to_owned())),
    }
}

/// `input_text` / `policy_text`: a string, or a list of pieces (strings and specials) joined.
fn expand_text(t: &Value) -> Result<String, NotExpressible> {
    match t {
        Value::String(s) => Ok(s.clone()),
        Value::Array(pieces) => {
            let mut out = String::new();
            for p in pieces {
                match expand(p)? {
                    Value::String(s) => out.push_str(&s),
                    other => panic!("a text piece must be a string, not {other}"),
                }
            }
            Ok(out)
        }
        other => panic!("JSON text must be a string or a list of pieces, not {other}"),
    }
}

/// Drop a value without recursion: serde_json drops nested values recursively, and 100,000
/// levels would overflow the stack in the test itself rather than in kefu.
fn dismantle(v: Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, x)| x)),
            _ => {}
        }
    }
}

/// `expected` holds in `actual` (the subset rules of tests/README.md, as in shared_cases.rs).
fn matches(expected: &Value, actual: &Value, at: &str, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let path = format!("{at}/{k}");
                if k == "reason_codes" {
                    let mut want: Vec<&str> = ev
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter_map(Value::as_str)
                        .collect();
                    let mut got: Vec<&str> = a
                        .get("reasons")
                        .and_then(Value::as_array)
                        .map(|r| r.iter().filter_map(|x| x["code"].as_str()).collect())
                        .unwrap_or_default();
                    want.sort_unstable();
                    got.sort_unstable();
                    if want != got {
                        problems.push(format!("{path}: want {want:?}, got {got:?}"));
                    }
                } else {
                    match a.get(k) {
                        Some(av) => matches(ev, av, &path, problems),
                        None => problems.push(format!("{path}: missing")),
                    }
                }
            }
        }
        (Value::Array(e), Value::Array(a)) if e.len() == a.len() => {
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                matches(ev, av, &format!("{at}/{i}"), problems);
            }
        }
        _ => {
            if expected != actual {
                problems.push(format!("{at}: want {expected}, got {actual}"));
            }
        }
    }
}

/// A bounded rendering for messages (paths can be 100,000 levels long).
fn show(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    match quoted.char_indices().nth(160) {
        Some((cut, _)) => format!("{}… ({} chars)", &quoted[..cut], s.chars().count()),
        None => quoted,
    }
}

fn error_problems(want: &Value, got: Option<&kefu_core::Error>) -> Vec<String> {
    let (code, path) = (
        want["code"].as_str().unwrap(),
        want["path"].as_str().unwrap(),
    );
    // Every case names its error's kind (tests/README.md); null: not held to one.
    let kind = want.get("kind");
    match got {
        None => vec![format!("expected {code} at {}, got a result", show(path))],
        Some(e) if e.code.as_str() == code && e.path.as_deref() == Some(path) => match kind {
            Some(Value::Null) => Vec::new(),
            Some(k) if k.as_str() == Some(e.kind.as_str()) => Vec::new(),
            Some(k) => vec![format!("expected the kind {k}, got {}", e.kind.as_str())],
            None => vec![format!(
                "the case names no kind (its error's is {})",
                e.kind.as_str()
            )],
        },
        Some(e) => vec![format!(
            "expected {code} at {}, got {} at {}",
            show(path),
            e.code,
            e.path
                .as_deref()
                .map_or_else(|| String::from("no path"), show)
        )],
    }
}

/// A good request per kind from tests/cases (default policy, an object input, an `expect`).
fn good_requests() -> BTreeMap<String, (String, Value, Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut good = BTreeMap::new();
    for file in files {
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let kind = suite["kind"].as_str().unwrap().to_owned();
        if good.contains_key(&kind) {
            continue;
        }
        let found = suite["cases"].as_array().unwrap().iter().find(|c| {
            c.get("expect").is_some() && c.get("policy").is_none() && c["input"].is_object()
        });
        if let Some(c) = found {
            let name = format!(
                "{}: {}",
                file.file_name().unwrap().to_string_lossy(),
                c["name"].as_str().unwrap()
            );
            good.insert(kind, (name, c["input"].clone(), c["expect"].clone()));
        }
    }
    good
}

type Goods = BTreeMap<String, (String, Value, Value)>;

/// The same engine must still answer a good request of `kind` as expected.
fn good_after(engine: &Engine, kind: &str, good: &Goods, problems: &mut Vec<String>) {
    let kind = if good.contains_key(kind) {
        kind
    } else {
        "check_return"
    };
    let (name, input, expect) = &good[kind];
    match engine.evaluate(kind, input) {
        Ok(answer) => {
            let mut p = Vec::new();
            matches(expect, &answer, "", &mut p);
            problems.extend(
                p.into_iter()
                    .map(|x| format!("good request afterwards ({name}): {x}")),
            );
        }
        Err(e) => problems.push(format!("good request afterwards ({name}) failed: {e}")),
    }
}

/// One call of a case: `variant` is "" for the main decoder, "decide_from" for the second.
fn outcome(variant: &str, problems: Vec<String>) -> Value {
    let status = if problems.is_empty() { "pass" } else { "fail" };
    json!({ "variant": variant, "status": status, "problems": problems })
}

fn run_case(c: &Value, good: &Goods) -> Vec<Value> {
    match run_main(c, good) {
        Err(NotExpressible(special)) => {
            vec![
                json!({ "variant": "", "status": "not_expressible", "special": special, "problems": [] }),
            ]
        }
        Ok(main) => {
            let mut out = vec![main];
            let kind = c["kind"].as_str().unwrap();
            // `decide_from` reads a host's structured values, not text: JSON text goes through
            // `decide_json` (syntax errors are INVALID_JSON there). So the second decoder gets
            // the cases whose input is a JSON value, written as text for serde_json to read.
            if kind != "policy"
                && !kind.starts_with("batch:")
                && !kind.contains("platform:")
                && c.get("input").is_some()
                && case_specials(c).is_empty()
            {
                out.push(run_decide_from(c, good));
            }
            out
        }
    }
}

fn engine_for(c: &Value, problems: &mut Vec<String>) -> Option<Engine> {
    let made = match c.get("policy") {
        Some(doc) => Engine::from_value(doc),
        None => Engine::from_value(&Value::Null),
    };
    made.map_err(|e| problems.push(format!("the case's policy was refused: {e}")))
        .ok()
}

fn run_main(c: &Value, good: &Goods) -> Result<Value, NotExpressible> {
    let mut problems = Vec::new();
    let kind = c["kind"].as_str().unwrap();
    if kind == "policy" {
        let made = match c.get("policy_text") {
            Some(t) => Engine::from_json(&expand_text(t)?),
            None => {
                let doc = expand(&c["policy"])?;
                let made = Engine::from_value(&doc);
                dismantle(doc);
                made
            }
        };
        problems.extend(error_problems(&c["expect_error"], made.as_ref().err()));
        // No engine was made: a fresh default one must still work.
        good_after(
            &Engine::from_value(&Value::Null).unwrap(),
            "check_return",
            good,
            &mut problems,
        );
        return Ok(outcome("", problems));
    }
    let Some(engine) = engine_for(c, &mut problems) else {
        return Ok(outcome("", problems));
    };
    if let Some(kind) = kind.strip_prefix("batch:") {
        let batch = expand(&c["batch"])?;
        let result = engine.evaluate_batch_value(kind, &batch, 1);
        dismantle(batch);
        match (c.get("expect_items"), result) {
            (Some(Value::Array(want)), Ok(items)) => {
                if items.len() != want.len() {
                    problems.push(format!(
                        "expected {} items, got {}",
                        want.len(),
                        items.len()
                    ));
                }
                for (i, (w, item)) in want.iter().zip(&items).enumerate() {
                    if item.index != i {
                        problems.push(format!("item {i}: index {}", item.index));
                    }
                    if w.get("ok") == Some(&Value::Bool(true)) {
                        if let Some(e) = &item.error {
                            problems.push(format!("item {i}: expected ok, got {e}"));
                        }
                    } else if item.ok {
                        problems.push(format!("item {i}: expected {w}, got a decision"));
                    } else {
                        let p = error_problems(w, item.error.as_ref());
                        problems.extend(p.into_iter().map(|x| format!("item {i}: {x}")));
                    }
                }
            }
            (Some(want), Err(e)) => problems.push(format!(
                "expected {} items, the call failed: {e} (at {:?})",
                want.as_array().map_or(0, Vec::len),
                e.path
            )),
            (None, result) => {
                problems.extend(error_problems(&c["expect_error"], result.as_ref().err()))
            }
            (Some(_), Ok(_)) => problems.push(String::from("expect_items must be a list")),
        }
        good_after(&engine, kind, good, &mut problems);
        return Ok(outcome("", problems));
    }
    // Platform payloads (`platform:<platform>:<kind>`) and write-backs (`to_platform:<platform>`),
    // with the arguments as hosts pass them: a string input is the payload's JSON text.
    if let Some(rest) = kind.strip_prefix("platform:") {
        let (platform, kind) = rest.split_once(':').unwrap();
        let facts = c.get("facts").cloned().unwrap_or(Value::Null);
        let result = kefu_core::platforms::read_args(
            Value::from(platform),
            Value::from(kind),
            expand(&c["input"])?,
            facts,
        );
        problems.extend(error_problems(&c["expect_error"], result.as_ref().err()));
        good_after(&engine, kind, good, &mut problems);
        return Ok(outcome("", problems));
    }
    if let Some(platform) = kind.strip_prefix("to_platform:") {
        let memo = c.get("memo").cloned().unwrap_or(Value::Null);
        let result =
            kefu_core::platforms::write_args(Value::from(platform), expand(&c["input"])?, memo);
        problems.extend(error_problems(&c["expect_error"], result.as_ref().err()));
        good_after(&engine, "order_flag", good, &mut problems);
        return Ok(outcome("", problems));
    }
    let result = match c.get("input_text") {
        Some(t) => engine.decide_json(kind, &expand_text(t)?),
        None => {
            let input = expand(&c["input"])?;
            // A string argument is JSON text in every host, so a string value goes as its JSON.
            let result = match &input {
                Value::String(_) => engine.decide_json(kind, &input.to_string()),
                _ => engine.decide(kind, &input),
            };
            dismantle(input);
            result
        }
    };
    problems.extend(error_problems(&c["expect_error"], result.as_ref().err()));
    good_after(&engine, kind, good, &mut problems);
    Ok(outcome("", problems))
}

/// The same case through `decide_from` on serde_json's deserializer over the JSON text.
fn run_decide_from(c: &Value, good: &Goods) -> Value {
    let mut problems = Vec::new();
    let kind = c["kind"].as_str().unwrap();
    let Some(engine) = engine_for(c, &mut problems) else {
        return outcome("decide_from", problems);
    };
    let text = c["input"].to_string();
    let result = engine.decide_from(kind, &mut serde_json::Deserializer::from_str(&text));
    // serde_json's text decoder is not kefu's: its errors are known by their text only, and
    // it words some type errors its own way ("expected value at line 1 column 12"), so the
    // kind is held to kefu's own decoders (the main call), code and path to both.
    let mut want = c["expect_error"].clone();
    if let Some(w) = want.as_object_mut() {
        w.insert(String::from("kind"), Value::Null);
    }
    problems.extend(error_problems(&want, result.as_ref().err()));
    good_after(&engine, kind, good, &mut problems);
    outcome("decide_from", problems)
}

/// The child: run the cases of `KEFU_BAD_CHILD` from `KEFU_BAD_FROM` on, one line per case
/// start and per result (stdout is line-buffered, so each line is out before the next case).
#[test]
fn child_process_entry() {
    let Ok(file) = std::env::var("KEFU_BAD_CHILD") else {
        return; // only a parent's child runs cases
    };
    let from: usize = std::env::var("KEFU_BAD_FROM").unwrap().parse().unwrap();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let cases = load_cases(&file);
            let good = good_requests();
            for (i, c) in cases.iter().enumerate().skip(from) {
                println!("{MARK}{}", json!({ "i": i, "start": true }));
                println!("{MARK}{}", json!({ "i": i, "results": run_case(c, &good) }));
            }
            println!("{MARK}{}", json!({ "done": true }));
        })
        .unwrap()
        .join()
        .unwrap();
}

/// Run one child from `from`; its stdout lines, stderr and how it ended.
fn spawn_child(file: &str, from: usize) -> (String, String, String) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "child_process_entry",
            "--exact",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env("KEFU_BAD_CHILD", file)
        .env("KEFU_BAD_FROM", from.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let deadline = Instant::now() + Duration::from_secs(300);
    let how = loop {
        match child.try_wait().unwrap() {
            Some(status) => break format!("died: {status}"),
            None if Instant::now() > deadline => {
                let _ = child.kill();
                let _ = child.wait();
                break String::from("hang (killed after 300 s)");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    (reader.join().unwrap(), err_reader.join().unwrap(), how)
}

/// Every case's outcomes, from children; a child that dies marks the case it was running.
fn run_file(file: &str, n: usize) -> Vec<Vec<Value>> {
    let mut results: Vec<Option<Vec<Value>>> = vec![None; n];
    let mut from = 0;
    while from < n {
        let (stdout, stderr, how) = spawn_child(file, from);
        let (mut started, mut done) = (None, false);
        // libtest writes "test child_process_entry ... " before the first line: find the mark.
        for line in stdout
            .lines()
            .filter_map(|l| l.find(MARK).map(|at| &l[at + MARK.len()..]))
        {
            let o: Value = serde_json::from_str(line).unwrap();
            if o.get("done").is_some() {
                done = true;
            } else if o.get("start").is_some() {
                started = o["i"].as_u64().map(|i| i as usize);
            } else {
                results[o["i"].as_u64().unwrap() as usize] =
                    Some(o["results"].as_array().unwrap().clone());
                started = None;
            }
        }
        if done {
            break;
        }
        let tail: Vec<&str> = stderr.trim().lines().rev().take(3).collect();
        let tail = tail.into_iter().rev().collect::<Vec<_>>().join(" | ");
        let Some(i) = started else {
            for r in results.iter_mut().skip(from).filter(|r| r.is_none()) {
                *r = Some(vec![
                    json!({ "variant": "", "status": "fail", "problems": [format!("child {how} before this case ran: {tail}")] }),
                ]);
            }
            break;
        };
        results[i] = Some(vec![
            json!({ "variant": "", "status": "crash", "problems": [format!("CRASH: the process {how} in this case: {tail}")] }),
        ]);
        from = i + 1;
    }
    results.into_iter().map(Option::unwrap_or_default).collect()
}

fn check_file(file: &str) {
    let cases = load_cases(file);
    let results = run_file(file, cases.len());
    let (mut ran, mut passed, mut crashed) = (0, 0, 0);
    let mut failures = Vec::new();
    let mut skipped = BTreeSet::new();
    for (c, outcomes) in cases.iter().zip(&results) {
        let name = c["name"].as_str().unwrap();
        for o in outcomes {
            let variant = o["variant"].as_str().unwrap_or("");
            match o["status"].as_str().unwrap() {
                "not_expressible" => {
                    skipped.insert(name.to_owned());
                    continue;
                }
                "pass" => passed += 1,
                "crash" => crashed += 1,
                _ => {}
            }
            ran += 1;
            if o["status"] != "pass" {
                let label = if variant.is_empty() {
                    String::new()
                } else {
                    format!(" [{variant}]")
                };
                let problems: Vec<&str> = o["problems"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(Value::as_str)
                    .collect();
                failures.push(format!(
                    "{file}: {name}{label}\n    {}",
                    problems.join("\n    ")
                ));
            }
        }
    }
    println!(
        "{file}: {} bad cases; {ran} calls ran ({passed} passed, {} failed, {crashed} crashed), {} not expressible in Rust",
        cases.len(),
        ran - passed - crashed,
        skipped.len()
    );
    let want: BTreeSet<String> = cases
        .iter()
        .filter(|c| {
            case_specials(c)
                .iter()
                .any(|s| NOT_EXPRESSIBLE.contains(&s.as_str()))
        })
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        skipped, want,
        "the cases not run must be exactly those with specials Rust cannot express"
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} calls failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_corpus_is_every_file_and_has_enough_cases() {
    let mut found: Vec<String> = std::fs::read_dir(root().join("tests/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".json"))
        .collect();
    found.sort();
    assert_eq!(found, FILES, "every file of tests/bad has a test here");
    let cases: Vec<Value> = FILES.iter().flat_map(|f| load_cases(f)).collect();
    let not_expressible = cases
        .iter()
        .filter(|c| {
            case_specials(c)
                .iter()
                .any(|s| NOT_EXPRESSIBLE.contains(&s.as_str()))
        })
        .count();
    println!(
        "rust: {} bad cases in {} files; {} run, {not_expressible} not expressible in Rust",
        cases.len(),
        FILES.len(),
        cases.len() - not_expressible
    );
    assert!(cases.len() >= MIN_CASES, "{} cases", cases.len());
}
