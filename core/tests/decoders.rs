//! kefu reads a JSON value with its own tracking deserializer (`decide`), and any other
//! deserializer, such as napi's, through serde_path_to_error (`decide_from`). Both must give
//! the same decision, or the same error with the same message and path, for every shared
//! case input and for damaged copies of them.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use kefu_core::Engine;
use serde_json::{json, Value};
use std::path::PathBuf;

/// Damaged copies of a request: each field in turn replaced by a value of another type,
/// removed, or joined by an unknown sibling.
fn damaged(request: &Value) -> Vec<Value> {
    let mut out = vec![request.clone()];
    fn visit(root: &Value, v: &Value, at: &mut Vec<String>, out: &mut Vec<Value>) {
        if let Value::Object(map) = v {
            for (k, child) in map {
                at.push(k.clone());
                for replacement in [
                    json!(null),
                    json!(true),
                    json!(-1.5),
                    json!("x"),
                    json!([1]),
                    json!({"z": 1}),
                ] {
                    if &replacement != child {
                        out.push(replaced(root, at, Some(replacement)));
                    }
                }
                out.push(replaced(root, at, None));
                visit(root, child, at, out);
                at.pop();
            }
            let mut extra = root.clone();
            if let Some(Value::Object(m)) = pointer_mut(&mut extra, at) {
                m.insert("unknown_field".into(), json!(1));
            }
            out.push(extra);
        } else if let Value::Array(items) = v {
            for (i, child) in items.iter().enumerate() {
                at.push(i.to_string());
                out.push(replaced(root, at, Some(json!("x"))));
                visit(root, child, at, out);
                at.pop();
            }
        }
    }
    visit(request, request, &mut Vec::new(), &mut out);
    out
}

fn pointer_mut<'a>(v: &'a mut Value, at: &[String]) -> Option<&'a mut Value> {
    let p: String = at
        .iter()
        .map(|s| format!("/{}", s.replace('~', "~0").replace('/', "~1")))
        .collect();
    v.pointer_mut(&p)
}

fn replaced(root: &Value, at: &[String], with: Option<Value>) -> Value {
    let mut copy = root.clone();
    let (last, parent) = at.split_last().unwrap();
    match (pointer_mut(&mut copy, parent), with) {
        (Some(Value::Object(m)), Some(w)) => {
            m.insert(last.clone(), w);
        }
        (Some(Value::Object(m)), None) => {
            m.remove(last);
        }
        (Some(Value::Array(items)), Some(w)) => {
            items[last.parse::<usize>().unwrap()] = w;
        }
        _ => {}
    }
    copy
}

#[test]
fn both_decoders_agree_on_every_case_and_its_damaged_copies() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/cases");
    let mut compared = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let suite: Value =
            serde_json::from_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap()).unwrap();
        let kind = suite["kind"].as_str().unwrap().to_owned();
        for case in suite["cases"].as_array().unwrap() {
            let Some(input) = case.get("input").filter(|i| i.is_object()) else {
                continue;
            };
            let Ok(engine) = Engine::from_value(case.get("policy").unwrap_or(&Value::Null)) else {
                continue;
            };
            for request in damaged(input) {
                let ours = engine.decide(&kind, &request);
                let theirs = engine.decide_from(&kind, &request);
                // serde_json's errors are known by their text only: the Chinese message is
                // kefu's own decoders' (built from facts), so it is not compared.
                let same = |r: Result<kefu_core::Decision, kefu_core::Error>| {
                    r.map_err(|e| (e.code, e.kind, e.message, e.path))
                };
                assert_eq!(same(ours), same(theirs), "{kind}: {request}");
                compared += 1;
            }
        }
    }
    assert!(compared > 10_000, "{compared} requests compared");
}
