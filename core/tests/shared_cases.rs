//! Replays every shared case in `tests/cases/*.json` (format: `tests/README.md`).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kefu_core::Engine;
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases")
}

/// `expected` holds in `actual`: objects by their listed keys, arrays element by element;
/// `reason_codes` compares the codes of `reasons` as a sorted list.
fn matches(expected: &Value, actual: &Value, at: &str, problems: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let path = format!("{at}/{k}");
                if k == "reason_codes" {
                    let mut want: Vec<String> = ev
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap().to_owned())
                        .collect();
                    let mut got: Vec<String> = a
                        .get("reasons")
                        .and_then(Value::as_array)
                        .map(|r| {
                            r.iter()
                                .map(|x| x["code"].as_str().unwrap_or("").to_owned())
                                .collect()
                        })
                        .unwrap_or_default();
                    want.sort();
                    got.sort();
                    if want != got {
                        problems.push(format!("{path}: want {want:?}, got {got:?}"));
                    }
                    continue;
                }
                match a.get(k) {
                    Some(av) => matches(ev, av, &path, problems),
                    None => problems.push(format!("{path}: missing")),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                problems.push(format!(
                    "{at}: want {} items {expected}, got {} {actual}",
                    e.len(),
                    a.len()
                ));
                return;
            }
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

/// Where the lean form `lean` of a decision does not agree with the whole decision `whole`.
fn lean_holds(kind: &str, whole: &Value, lean: &Value, problems: &mut Vec<String>) {
    let fields = kefu_core::main_fields(kind);
    let Some(lean) = lean.as_object() else {
        problems.push(format!("lean: not an object: {lean}"));
        return;
    };
    if lean.len() != fields.len() || fields.iter().any(|f| !lean.contains_key(*f)) {
        problems.push(format!("lean: keys {:?}, want {fields:?}", lean.keys()));
    }
    for (k, v) in lean {
        let want = if k == kefu_core::lean::REASON_CODES {
            Value::Array(
                whole["reasons"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["code"].clone())
                    .collect(),
            )
        } else {
            whole.get(k).cloned().unwrap_or(Value::Null)
        };
        if *v != want {
            problems.push(format!("lean /{k}: {v}, whole decision: {want}"));
        }
    }
}

#[test]
fn every_shared_case_holds() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no case files in {}",
        cases_dir().display()
    );
    let mut engines: HashMap<String, Result<Engine, kefu_core::Error>> = HashMap::new();
    let (mut total, mut failures) = (0usize, Vec::new());
    for file in files {
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let kind = suite["kind"].as_str().unwrap();
        for case in suite["cases"].as_array().unwrap() {
            total += 1;
            let name = format!(
                "{}: {}",
                file.file_name().unwrap().to_string_lossy(),
                case["name"].as_str().unwrap()
            );
            let policy = case.get("policy").cloned().unwrap_or(Value::Null);
            let engine = engines
                .entry(policy.to_string())
                .or_insert_with(|| Engine::from_value(&policy));
            let result = match engine {
                Err(e) => Err(e.clone()),
                Ok(engine) => match case.get("input_text") {
                    Some(text) => engine.evaluate_json(kind, text.as_str().unwrap()),
                    None => engine.evaluate(kind, &case["input"]),
                },
            };
            let mut problems = Vec::new();
            // The lean form of the same request: exactly the kind's main fields, each the whole
            // decision's value (null where it has none), `reason_codes` its reasons' codes.
            if let (Ok(engine), Ok(whole)) = (&*engine, &result) {
                let decided = match case.get("input_text") {
                    Some(text) => engine.decide_json(kind, text.as_str().unwrap()),
                    None => engine.decide(kind, &case["input"]),
                };
                match decided {
                    Ok(d) => lean_holds(kind, whole, &d.to_lean_json(), &mut problems),
                    Err(e) => problems.push(format!("lean: unexpected error {}", e.to_value())),
                }
            }
            match (result, case.get("expect"), case.get("expect_error")) {
                (Ok(actual), Some(expected), None) => matches(expected, &actual, "", &mut problems),
                (Err(err), None, Some(expected)) => {
                    matches(expected, &err.to_value(), "", &mut problems)
                }
                (Ok(actual), _, Some(_)) => {
                    problems.push(format!("expected an error, got {actual}"))
                }
                (Err(err), Some(_), _) => {
                    problems.push(format!("unexpected error {}", err.to_value()))
                }
                _ => problems.push(String::from(
                    "a case needs exactly one of expect / expect_error",
                )),
            }
            if !problems.is_empty() {
                failures.push(format!("{name}\n    {}", problems.join("\n    ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} shared cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{total} shared cases passed");
}

/// Every suite again as batches, one per policy: each item must match its case (a decision
/// for `expect`, an error for `expect_error`), in order, on one thread and on four.
/// Cases given as JSON text (or as a JSON string) are single-call cases and are left out.
#[test]
fn every_shared_case_holds_in_a_batch() {
    let mut total = 0;
    let mut failures = Vec::new();
    for entry in std::fs::read_dir(cases_dir()).unwrap() {
        let file = entry.unwrap().path();
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let kind = suite["kind"].as_str().unwrap();
        let mut groups: Vec<(Value, Vec<&Value>)> = Vec::new();
        for case in suite["cases"].as_array().unwrap() {
            if case.get("input_text").is_some() || case["input"].is_string() {
                continue;
            }
            let policy = case.get("policy").cloned().unwrap_or(Value::Null);
            match groups.iter_mut().find(|(p, _)| *p == policy) {
                Some((_, cases)) => cases.push(case),
                None => groups.push((policy, vec![case])),
            }
        }
        for (policy, cases) in groups {
            let Ok(engine) = Engine::from_value(&policy) else {
                continue;
            };
            // Repeated so that four threads each get a share (a thread takes 64 or more).
            let inputs: Vec<Value> = cases
                .iter()
                .cycle()
                .take(cases.len().max(300))
                .map(|c| c["input"].clone())
                .collect();
            for threads in [1, 4] {
                let items = engine.evaluate_batch_on(kind, &inputs, threads).unwrap();
                assert_eq!(items.len(), inputs.len());
                for (i, item) in items.iter().enumerate() {
                    total += 1;
                    let case = cases[i % cases.len()];
                    let item = serde_json::to_value(item).unwrap();
                    let mut problems = Vec::new();
                    if item["index"] != i {
                        problems.push(format!("index {} at position {i}", item["index"]));
                    }
                    match (case.get("expect"), case.get("expect_error")) {
                        (Some(e), _) if item["ok"] == true => {
                            matches(e, &item["decision"], "", &mut problems)
                        }
                        (None, Some(e)) if item["ok"] == false => {
                            matches(e, &item["error"], "", &mut problems)
                        }
                        _ => problems.push(format!("ok is {}", item["ok"])),
                    }
                    if !problems.is_empty() {
                        failures.push(format!(
                            "{} (batch, {threads} threads, item {i}): {}\n    {}",
                            file.display(),
                            case["name"],
                            problems.join("\n    ")
                        ));
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} batch items failed:\n{}",
        failures.len(),
        failures
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(total > 5000, "{total} batch items checked");
}

fn platform_cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/platforms")
}

/// Replays `tests/platforms/*.json` (format: `tests/README.md`): each read case's request is
/// exactly `expect_request` and its decision matches `expect`; each write case's call is
/// exactly `expect_write`; and each file's round trip holds for every flag.
#[test]
fn every_platform_case_holds() {
    use kefu_core::platforms;
    let mut files: Vec<PathBuf> = std::fs::read_dir(platform_cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "one file per platform");
    let (mut total, mut failures) = (0usize, Vec::new());
    for file in files {
        let suite: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let platform = suite["platform"].as_str().unwrap();
        for case in suite["cases"].as_array().unwrap() {
            total += 1;
            let name = format!("{platform}: {}", case["name"].as_str().unwrap());
            let mut problems = Vec::new();
            let expect_error = case.get("expect_error");
            if let Some(w) = case.get("write") {
                let memo = w.get("memo").and_then(Value::as_str);
                match (
                    platforms::write(platform, &w["decision"], memo),
                    case.get("expect_write"),
                ) {
                    (Ok(got), Some(want)) if &got == want => {}
                    (Ok(got), _) => problems.push(format!(
                        "want {:?} / {expect_error:?}, got {got}",
                        case.get("expect_write")
                    )),
                    (Err(e), _) => match expect_error {
                        Some(want) => matches(want, &e.to_value(), "", &mut problems),
                        None => problems.push(format!("unexpected error {}", e.to_value())),
                    },
                }
            } else {
                let kind = case["kind"].as_str().unwrap();
                let facts = case.get("facts");
                match (
                    platforms::read(platform, kind, &case["payload"], facts),
                    case.get("expect_request"),
                ) {
                    (Err(e), None) => match expect_error {
                        Some(want) => {
                            let got = e.to_value();
                            matches(&strip_has(want), &got, "", &mut problems);
                            message_has(want, &got, &mut problems);
                        }
                        None => problems.push(format!("unexpected error {}", e.to_value())),
                    },
                    (Err(e), Some(_)) => {
                        problems.push(format!("unexpected error {}", e.to_value()))
                    }
                    (Ok(got), None) => problems.push(format!("expected an error, got {got}")),
                    (Ok(got), Some(want)) => {
                        if &got != want {
                            problems.push(format!("request: want {want}\n      got {got}"));
                        }
                        let policy = case.get("policy").cloned().unwrap_or(Value::Null);
                        let engine = Engine::from_value(&policy).unwrap();
                        match (
                            engine.evaluate(kind, &got),
                            case.get("expect"),
                            expect_error,
                        ) {
                            (Ok(d), Some(want), None) => matches(want, &d, "", &mut problems),
                            (Err(e), None, Some(want)) => {
                                matches(&strip_has(want), &e.to_value(), "", &mut problems);
                                message_has(want, &e.to_value(), &mut problems);
                            }
                            (Ok(d), _, _) => {
                                problems.push(format!("decision: expected an error, got {d}"))
                            }
                            (Err(e), _, _) => problems
                                .push(format!("decision: unexpected error {}", e.to_value())),
                        }
                    }
                }
            }
            if !problems.is_empty() {
                failures.push(format!("{name}\n    {}", problems.join("\n    ")));
            }
        }
        // The round trip: every flag written back reads back as the same flag.
        let trip = &suite["round_trip"];
        for flag in ["gray", "red", "yellow", "green", "blue", "purple"] {
            total += 1;
            let decision = serde_json::json!({"order_id": trip["order_id"], "flag": flag, "platform": platform, "label": "kefu"});
            let call = platforms::write(platform, &decision, None).unwrap();
            let mut payload = trip["payload"].clone();
            let (obj, key) = trip["field"].as_str().unwrap().rsplit_once('/').unwrap();
            let target = payload.pointer_mut(obj).unwrap().as_object_mut().unwrap();
            match call["params"].get(trip["param"].as_str().unwrap()) {
                Some(code) => target.insert(key.to_owned(), code.clone()),
                None => target.remove(key),
            };
            let read =
                platforms::read(platform, "order_flag", &payload, trip.get("facts")).unwrap();
            if read["current_flag"] != flag {
                failures.push(format!(
                    "{platform} round trip: wrote {flag} as {call}, read back {}",
                    read["current_flag"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} platform cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{total} platform cases passed");
}

/// `expect_error` without its `message_has` list (checked on its own).
fn strip_has(want: &Value) -> Value {
    let mut w = want.clone();
    if let Some(o) = w.as_object_mut() {
        o.remove("message_has");
    }
    w
}

/// Every text of `expect_error.message_has` is in the error's message.
fn message_has(want: &Value, got: &Value, problems: &mut Vec<String>) {
    for s in want
        .get("message_has")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let s = s.as_str().unwrap();
        if !got["message"].as_str().unwrap_or("").contains(s) {
            problems.push(format!("message {} lacks {s:?}", got["message"]));
        }
    }
}
