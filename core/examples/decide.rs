//! kefu's main job on its defaults: decide the example requests and print the decisions.
//!
//! `cargo run --release -p kefu-core --example decide -- [FILE] [--json]`; FILE defaults to
//! `core/examples/requests.json` (a list of `{name, kind, request}`).
#![allow(missing_docs)]

use kefu_core::Engine;
use serde_json::Value;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let file = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/examples/requests.json").to_owned()
        });
    let items: Vec<Value> = match std::fs::read_to_string(&file)
        .map_err(|e| e.to_string())
        .and_then(|t| serde_json::from_str(&t).map_err(|e| e.to_string()))
    {
        Ok(v) => v,
        Err(e) => {
            eprintln!("kefu: cannot read {file}: {e}");
            return ExitCode::from(2);
        }
    };
    let engine = match Engine::from_value(&Value::Null) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("kefu: {e}");
            return ExitCode::from(2);
        }
    };
    let policy = engine.policy_ref();
    println!(
        "kefu {} · policy {} v{} ({})\n",
        kefu_core::VERSION,
        policy.id,
        policy.version,
        policy.hash
    );
    let mut failed = 0;
    for item in &items {
        let name = item["name"].as_str().unwrap_or("");
        let kind = item["kind"].as_str().unwrap_or("");
        match engine.evaluate(kind, &item["request"]) {
            Ok(decision) if json => println!(
                "{}",
                serde_json::to_string(&serde_json::json!({"name": name, "decision": decision}))
                    .unwrap_or_default()
            ),
            Ok(decision) => print_decision(name, kind, &decision),
            Err(e) => {
                failed += 1;
                println!(
                    "■ {name}\n  error {}: {} (at {})\n",
                    e.code,
                    e.message,
                    e.path.unwrap_or_default()
                );
            }
        }
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_decision(name: &str, kind: &str, d: &Value) {
    println!("■ {name}");
    match kind {
        "check_return" => {
            let verdict = if d["verdict"] == "eligible" {
                "可以退换 eligible"
            } else {
                "不符合条件 ineligible"
            };
            let remedies: Vec<&str> = d["remedies"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            println!(
                "  {verdict}  remedies: [{}]  window ends {}",
                remedies.join(", "),
                d["window_ends_at"].as_str().unwrap_or("")
            );
            if let Some(who) = d["return_shipping_paid_by"].as_str() {
                println!(
                    "  return shipping: {who}; deductions {} 分; refund {}",
                    d["deductions_cents"], d["refund_amount_cents"]
                );
            }
            if d["goodwill"].is_object() {
                println!("  goodwill offer: {}", d["goodwill"]);
            }
            for r in d["reasons"].as_array().into_iter().flatten() {
                println!(
                    "  · {} {}  ({})",
                    r["code"].as_str().unwrap_or(""),
                    r["message"].as_str().unwrap_or(""),
                    r["source"].as_str().unwrap_or("")
                );
            }
        }
        _ => {
            // The answer's plain fields on one line, then why.
            let fields: Vec<String> = d
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, v)| {
                    !matches!(k.as_str(), "reasons" | "policy" | "buyer_message_en")
                        && !v.is_array()
                        && !v.is_object()
                        && !v.is_null()
                })
                .map(|(k, v)| format!("{k}: {}", v.as_str().map_or(v.to_string(), str::to_owned)))
                .collect();
            println!("  {}", fields.join("  "));
            for step in d["history"].as_array().into_iter().flatten() {
                println!(
                    "  → {} at {} ({})",
                    step["state"].as_str().unwrap_or(""),
                    step["at"].as_str().unwrap_or(""),
                    step["by"].as_str().unwrap_or("")
                );
            }
            for r in d["reasons"].as_array().into_iter().flatten() {
                println!(
                    "  · {} {}",
                    r["code"].as_str().unwrap_or(""),
                    r["message"].as_str().unwrap_or("")
                );
            }
        }
    }
    println!();
}
