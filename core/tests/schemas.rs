//! Issue 19: the JSON Schemas in `schemas/` are derived from core's types (`schema` feature)
//! and must be current: `KEFU_BLESS=1 cargo test -p kefu-core --features schema --test
//! schemas` rewrites them; without it a stale or missing document fails here, naming it.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::PathBuf;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

fn text(doc: &serde_json::Value) -> String {
    let mut t = serde_json::to_string_pretty(doc).unwrap();
    t.push('\n');
    t
}

#[test]
fn schemas_are_current() {
    let bless = std::env::var_os("KEFU_BLESS").is_some();
    let docs = kefu_core::schema::documents();
    assert_eq!(docs.len(), 1 + 3 * kefu_core::KINDS.len());
    let mut stale = Vec::new();
    for (name, doc) in &docs {
        let path = dir().join(format!("{name}.schema.json"));
        let want = text(doc);
        if bless {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(name.clone());
        }
    }
    // No document left over from a kind that is gone.
    let names: Vec<String> = docs
        .iter()
        .map(|(n, _)| format!("{n}.schema.json"))
        .collect();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if file.ends_with(".schema.json") && !names.contains(&file) {
            stale.push(file);
        }
    }
    assert!(
        stale.is_empty(),
        "schemas/ is stale ({stale:?}); rerun with KEFU_BLESS=1 cargo test -p kefu-core --features schema --test schemas"
    );
}

fn compile(names: &[String]) -> (boon::Schemas, Vec<(String, boon::SchemaIndex)>) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    let mut out = Vec::new();
    for name in names {
        let path = dir().join(format!("{name}.schema.json"));
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let url = format!("file:///kefu/{name}.schema.json");
        compiler.add_resource(&url, doc).unwrap();
        out.push((name.clone(), compiler.compile(&url, &mut schemas).unwrap()));
    }
    (schemas, out)
}

/// Every shared case's request validates against its kind's request schema, and every
/// decision kefu gives it against the decision schema, its lean form against the lean one.
#[test]
fn shared_requests_and_decisions_follow_their_schemas() {
    use serde_json::Value;
    let cases = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let (mut checked, mut problems) = (0, Vec::new());
    for entry in std::fs::read_dir(cases).unwrap() {
        let suite: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let kind = suite["kind"].as_str().unwrap();
        let names: Vec<String> = ["request", "decision", "lean"]
            .iter()
            .map(|s| format!("{kind}.{s}"))
            .collect();
        let (schemas, idx) = compile(&names);
        for case in suite["cases"].as_array().unwrap() {
            let name = case["name"].as_str().unwrap_or_default();
            let policy = case.get("policy").cloned().unwrap_or(Value::Null);
            let Ok(engine) = kefu_core::Engine::from_value(&policy) else {
                continue;
            };
            let request = match case.get("input_text") {
                Some(t) => match serde_json::from_str::<Value>(t.as_str().unwrap()) {
                    Ok(v) => v,
                    Err(_) => continue,
                },
                None => case["input"].clone(),
            };
            let decided = engine.decide(kind, &request);
            let ok = decided.is_ok();
            // A request kefu decides follows the request schema (one it refuses may too:
            // a schema cannot say every rule, such as a return asked before it was signed).
            if ok && schemas.validate(&request, idx[0].1).is_err() {
                problems.push(format!(
                    "{kind} request {name:?}: {}",
                    schemas.validate(&request, idx[0].1).unwrap_err()
                ));
            }
            if let Ok(d) = decided {
                for (doc, at) in [(d.to_json(), idx[1].1), (d.to_lean_json(), idx[2].1)] {
                    if let Err(e) = schemas.validate(&doc, at) {
                        problems.push(format!("{kind} decision {name:?}: {e}"));
                    }
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 600, "{checked} decisions checked");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The schemas say no as kefu does: an unknown verdict, an unknown request field, a wrong
/// type, a missing required field.
#[test]
fn the_schemas_refuse_what_kefu_refuses() {
    use serde_json::json;
    let names: Vec<String> = ["check_return.request", "check_return.decision", "policy"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    let (schemas, idx) = compile(&names);
    let good = json!({"reason": "no_reason", "category": "apparel",
        "signed_at": "2026-03-01T23:59:00+08:00", "requested_at": "2026-03-08T21:30:00+08:00"});
    assert!(schemas.validate(&good, idx[0].1).is_ok());
    for (field, value) in [
        ("colour", json!("red")),
        ("category", json!("spaceships")),
        ("signed_at", json!(3)),
        ("order_id", json!(7)),
    ] {
        let mut bad = good.clone();
        bad[field] = value;
        assert!(schemas.validate(&bad, idx[0].1).is_err(), "{field}");
    }
    let engine = kefu_core::Engine::from_value(&serde_json::Value::Null).unwrap();
    let mut d = engine.evaluate("check_return", &good).unwrap();
    assert!(schemas.validate(&d, idx[1].1).is_ok());
    d["verdict"] = json!("maybe");
    assert!(schemas.validate(&d, idx[1].1).is_err());
    let with_schema =
        json!({"$schema": "https://example.invalid/kefu/schemas/policy.schema.json", "id": "shop"});
    assert!(schemas.validate(&with_schema, idx[2].1).is_ok());
    assert!(
        kefu_core::validate_policy(&with_schema).is_empty(),
        "a policy may name its schema"
    );
}

/// `validate_policy` and the policy schema agree on every bad policy of `tests/bad/policy.json`
/// that a schema can express; the ones it cannot (a rule across fields, the law's floors on
/// values the type allows, a text's own format) say so in the case (`"schema": false`).
#[test]
fn the_policy_schema_agrees_with_validate_policy() {
    use serde_json::Value;
    let (schemas, idx) = compile(&[String::from("policy")]);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/bad/policy.json");
    let suite: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let (mut agreed, mut problems) = (0, Vec::new());
    for case in suite["cases"].as_array().unwrap() {
        let Some(policy) = case.get("policy") else {
            continue;
        };
        if policy.get("$bad").is_some() || policy.to_string().contains("\"$bad\"") {
            continue; // a host-made value (NaN, a huge int): not JSON a schema reads
        }
        let kefu_refuses = !kefu_core::validate_policy(policy).is_empty();
        let schema_refuses = schemas.validate(policy, idx[0].1).is_err();
        let expressible = case.get("schema").and_then(Value::as_bool).unwrap_or(true);
        match (kefu_refuses, schema_refuses, expressible) {
            (true, true, true) | (true, false, false) => agreed += 1,
            other => problems.push(format!(
                "{:?}: kefu refuses {}, the schema refuses {}, marked expressible {}",
                case["name"], other.0, other.1, other.2
            )),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(agreed > 15, "{agreed}");
}
