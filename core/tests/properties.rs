//! Property tests: invariants that must hold for every input, not just the shared cases.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Duration, FixedOffset, TimeZone};
use kefu_core::{Engine, Instant, Verdict};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::from_value(&Value::Null).unwrap())
}

const CATEGORIES: &[&str] = &[
    "general",
    "apparel",
    "shoes",
    "bags",
    "toys",
    "home_textiles",
    "electronics",
    "food",
    "health_food",
    "cosmetics",
    "medical_devices",
    "family_planning",
    "custom_made",
    "fresh_perishable",
    "digital_download",
    "audio_video_software",
    "newspapers_periodicals",
    "unseal_sensitive",
    "activation_sensitive",
    "near_expiry_or_flawed",
];

/// An instant in 2004–2026 (minutes since 2004-01-01 in +08:00).
fn instant(minutes: i64) -> String {
    let tz = FixedOffset::east_opt(8 * 3600).unwrap();
    let base = tz.with_ymd_and_hms(2004, 1, 1, 0, 0, 0).unwrap();
    (base + Duration::minutes(minutes)).to_rfc3339()
}

const SPAN: i64 = 23 * 365 * 24 * 60 - 60 * 24 * 60;

prop_compose! {
    fn no_reason_request()(
        signed in 0..SPAN,
        delay in 0i64..(20 * 24 * 60),
        category in 0..CATEGORIES.len(),
        flags in proptest::collection::vec(any::<bool>(), 11),
    ) -> (i64, i64, Value) {
        let condition = json!({
            "opened_to_inspect": flags[0], "used_beyond_inspection": flags[1], "seal_broken": flags[2],
            "tags_removed": flags[3], "soiled_or_damaged": flags[4], "accessories_complete": flags[5],
            "brand_marks_complete": flags[6], "activated_or_data_left": flags[7], "labels_tampered": flags[8],
            "unauthorized_repair": flags[9],
        });
        let request = json!({
            "reason": "no_reason", "category": CATEGORIES[category], "exclusion_confirmed": flags[10],
            "signed_at": instant(signed), "requested_at": instant(signed + delay), "condition": condition,
        });
        (signed, delay, request)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Asking later never turns an ineligible no-reason return into an eligible one.
    #[test]
    fn a_later_request_never_makes_an_ineligible_return_eligible((signed, delay, request) in no_reason_request(), extra in 0i64..(30 * 24 * 60)) {
        let first = engine().check_return(&serde_json::from_value(request.clone()).unwrap()).unwrap();
        let mut later = request;
        later["requested_at"] = json!(instant(signed + delay + extra));
        let second = engine().check_return(&serde_json::from_value(later).unwrap()).unwrap();
        if first.verdict == Verdict::Ineligible {
            prop_assert_eq!(second.verdict, Verdict::Ineligible);
        }
    }

    /// The same input gives the same decision, from a fresh engine too.
    #[test]
    fn the_same_input_gives_the_same_decision((_s, _d, request) in no_reason_request()) {
        let a = engine().evaluate("check_return", &request).unwrap();
        let b = Engine::from_value(&Value::Null).unwrap().evaluate("check_return", &request).unwrap();
        prop_assert_eq!(a, b);
    }

    /// A due time is never before its start; adding is monotonic; measuring undoes adding.
    #[test]
    fn working_time_arithmetic_is_consistent(start in 0..(SPAN - 400 * 24 * 60), m1 in 0i64..100_000, m2 in 0i64..100_000) {
        let e = engine();
        let a = Instant::parse(&instant(start)).unwrap();
        let (lo, hi) = (m1.min(m2), m1.max(m2));
        let due_lo = e.add_working_time(a, lo).unwrap();
        let due_hi = e.add_working_time(a, hi).unwrap();
        prop_assert!(due_lo >= a);
        prop_assert!(due_hi >= due_lo);
        prop_assert_eq!(e.working_minutes_between(a, due_lo).unwrap(), lo);
        prop_assert_eq!(e.working_minutes_between(a, due_hi).unwrap(), hi);
        prop_assert_eq!(e.working_minutes_between(due_hi, a).unwrap(), -hi);
    }

    /// Random JSON never panics the engine: every answer is a decision or a typed error.
    #[test]
    fn arbitrary_json_gets_a_decision_or_a_typed_error(text in "\\PC{0,200}") {
        let _ = engine().evaluate_json("check_return", &text);
        let _ = kefu_core::Policy::from_json(&text);
    }
}

#[test]
fn error_codes_agree_with_the_shared_list() {
    let shared: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/error_codes.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let ours: Vec<&str> = kefu_core::ErrorCode::ALL
        .iter()
        .map(|c| c.as_str())
        .collect();
    assert_eq!(
        ours, shared,
        "tests/error_codes.json and ErrorCode::ALL differ"
    );
}

#[test]
fn reason_codes_are_unique_and_upper_snake() {
    let rules = kefu_core::catalogue();
    let mut codes: Vec<&str> = rules.iter().map(|r| r.code).collect();
    assert!(codes.iter().all(|c| c
        .chars()
        .all(|ch| ch.is_ascii_uppercase() || ch == '_' || ch.is_ascii_digit())));
    let n = codes.len();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), n, "a reason code is defined twice");
}

#[test]
fn every_reason_code_is_exercised_by_a_shared_case() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/cases");
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        text.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let missing: Vec<&str> = kefu_core::catalogue()
        .iter()
        .map(|r| r.code)
        .filter(|c| !text.contains(&format!("\"{c}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "reason codes no shared case expects: {missing:?}"
    );
}

/// `core/REASONS.md` lists every reason code and action; regenerate with `KEFU_BLESS=1`.
#[test]
fn reason_docs_are_current() {
    let mut doc = String::from("# Reason codes and actions\n\nGenerated from the code by `core/tests/properties.rs` (`KEFU_BLESS=1 cargo test -p kefu-core --test properties` rewrites it); a test fails when it is out of date.\n\n## Reason codes\n\n| code | rule | source | when |\n|---|---|---|---|\n");
    for r in kefu_core::catalogue() {
        doc.push_str(&format!(
            "| `{}` | `{}` | {} | {} |\n",
            r.code, r.rule, r.source, r.summary
        ));
    }
    doc.push_str("\n## Order actions (`order_action`)\n\n| action | meaning |\n|---|---|\n");
    for (_, name, meaning) in kefu_core::orders::Action::ALL {
        doc.push_str(&format!("| `{name}` | {meaning} |\n"));
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/REASONS.md");
    if std::env::var_os("KEFU_BLESS").is_some() {
        std::fs::write(path, &doc).unwrap();
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(current == doc, "core/REASONS.md is out of date: run KEFU_BLESS=1 cargo test -p kefu-core --test properties");
}

#[test]
fn every_action_is_named_as_it_serializes() {
    for (action, name, _) in kefu_core::orders::Action::ALL {
        assert_eq!(
            serde_json::to_value(action).unwrap(),
            serde_json::json!(name)
        );
    }
}

const PLATFORMS: [&str; 3] = ["taobao", "jd", "pinduoduo"];

prop_compose! {
    /// Order facts that do not contradict each other, with any after-sales matters.
    fn order_facts()(paid in any::<bool>(), entered in any::<bool>(), shipped in any::<bool>(), waybill in any::<bool>(),
                     flags in proptest::collection::vec(any::<bool>(), 7), platform in 0usize..3) -> Value {
        let paid = paid || entered || shipped;
        let shipped = shipped && paid;
        json!({
            "order_id": "T1", "platform": PLATFORMS[platform],
            "paid": paid, "entered": entered && paid, "shipped": shipped, "waybill_uploaded": waybill && shipped,
            "marketing_done": flags[0], "info_change_pending": flags[1],
            "after_sales": { "stock_out_before_entry": flags[2], "stock_out_after_entry": flags[3], "return_exchange": flags[4],
                             "refund": flags[5], "price_difference": flags[6] },
            "linked_order_id": "T0",
        })
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// While an after-sales matter is open the flag is red; the decision depends only on its input.
    #[test]
    fn an_open_after_sales_matter_makes_the_flag_red(order in order_facts()) {
        let d = engine().evaluate("order_flag", &order).unwrap();
        let open = order["after_sales"].as_object().unwrap().values().any(|v| v == true);
        if open {
            prop_assert_eq!(&d["flag"], "red");
        } else {
            prop_assert_ne!(&d["flag"], "red");
        }
        let again = Engine::from_value(&Value::Null).unwrap().evaluate("order_flag", &order).unwrap();
        prop_assert_eq!(d, again);
    }
}

/// One step in an order's life, as agents and platforms apply them.
#[derive(Debug, Clone, Copy)]
enum OrderEvent {
    Pay,
    Enter,
    Ship,
    UploadWaybill,
    Market,
    ChangeInfo,
    Open(usize),
    Close(usize),
}

const MATTERS: [&str; 5] = [
    "stock_out_before_entry",
    "stock_out_after_entry",
    "return_exchange",
    "refund",
    "price_difference",
];

fn order_event() -> impl Strategy<Value = OrderEvent> {
    prop_oneof![
        Just(OrderEvent::Pay),
        Just(OrderEvent::Enter),
        Just(OrderEvent::Ship),
        Just(OrderEvent::UploadWaybill),
        Just(OrderEvent::Market),
        Just(OrderEvent::ChangeInfo),
        (0usize..5).prop_map(OrderEvent::Open),
        (0usize..5).prop_map(OrderEvent::Close),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Over any sequence of events (applied only where they make sense), the flag is red
    /// exactly while an after-sales matter is open, and each decision is reproducible.
    #[test]
    fn the_flag_is_red_exactly_while_after_sales_is_open(events in proptest::collection::vec(order_event(), 1..30)) {
        let mut order = json!({ "order_id": "T9", "linked_order_id": "T8", "after_sales": {} });
        for event in events {
            match event {
                OrderEvent::Pay => order["paid"] = json!(true),
                OrderEvent::Enter if order["paid"] == true => order["entered"] = json!(true),
                OrderEvent::Ship if order["paid"] == true => order["shipped"] = json!(true),
                OrderEvent::UploadWaybill if order["shipped"] == true => order["waybill_uploaded"] = json!(true),
                OrderEvent::Market => order["marketing_done"] = json!(true),
                OrderEvent::ChangeInfo => order["info_change_pending"] = json!(true),
                OrderEvent::Open(i) => order["after_sales"][MATTERS[i]] = json!(true),
                OrderEvent::Close(i) => order["after_sales"][MATTERS[i]] = json!(false),
                _ => {}
            }
            let d = engine().evaluate("order_flag", &order).unwrap();
            let open = order["after_sales"].as_object().unwrap().values().any(|v| v == true);
            prop_assert_eq!(d["flag"] == "red", open, "{} -> {}", order, d["flag"]);
            prop_assert_eq!(&d, &engine().evaluate("order_flag", &order).unwrap());
        }
    }
}
