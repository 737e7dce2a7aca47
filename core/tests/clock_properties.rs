//! Property tests of the clocks (issue 4): service standards, dispatch dates, refund timelines.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use chrono::{Duration, FixedOffset, TimeZone};
use kefu_core::sla::SlaState;
use kefu_core::{Engine, Instant};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::from_value(&Value::Null).unwrap())
}

/// An instant in 2004–2025 (minutes since 2004-01-01 00:00 +08:00), leaving a year of room for
/// any standard's due time.
fn instant(minutes: i64) -> String {
    let tz = FixedOffset::east_opt(8 * 3600).unwrap();
    let base = tz.with_ymd_and_hms(2004, 1, 1, 0, 0, 0).unwrap();
    (base + Duration::minutes(minutes)).to_rfc3339()
}

fn at(text: &str) -> Instant {
    Instant::parse(text).unwrap()
}

const SPAN: i64 = 22 * 365 * 24 * 60;

const STANDARDS: &[&str] = &[
    "complaint_reply",
    "service_request_reply",
    "first_response",
    "refund_after_approval",
    "return_request_handling",
    "refund_after_return_received",
];

fn sla(standard: &str, start: i64, now: i64, extra: Value) -> kefu_core::sla::SlaDecision {
    let mut request =
        json!({ "standard": standard, "started_at": instant(start), "now": instant(now) });
    if let (Value::Object(r), Value::Object(x)) = (&mut request, extra) {
        r.extend(x);
    }
    engine()
        .sla(&serde_json::from_value(request).unwrap())
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// A due time is never before its start, and a later start is never due earlier.
    #[test]
    fn due_times_follow_their_start(s in 0..STANDARDS.len(), start in 0..SPAN, later in 0i64..(40 * 24 * 60)) {
        let a = sla(STANDARDS[s], start, start, json!({}));
        let b = sla(STANDARDS[s], start + later, start + later, json!({}));
        prop_assert!(at(&a.due_at) >= at(&instant(start)));
        prop_assert!(at(&b.due_at) >= at(&a.due_at));
    }

    /// Pausing never brings the due time forward, and the state agrees with the due time:
    /// met exactly when met_at is at or before it, breached exactly when now is after it.
    #[test]
    fn pauses_and_states_agree_with_the_due_time(
        s in 0..STANDARDS.len(), start in 0..SPAN,
        pause_at in 0i64..(3 * 24 * 60), pause_len in 0i64..(2 * 24 * 60),
        now_after in 0i64..(20 * 24 * 60), met in any::<bool>(),
    ) {
        let standard = STANDARDS[s];
        let plain = sla(standard, start, start, json!({}));
        let pause_from = start + pause_at;
        let pause_to = pause_from + pause_len;
        let now = pause_to + now_after;
        let extra = if met {
            json!({ "paused": [{ "from": instant(pause_from), "to": instant(pause_to) }], "met_at": instant(now) })
        } else {
            json!({ "paused": [{ "from": instant(pause_from), "to": instant(pause_to) }] })
        };
        let paused = sla(standard, start, now, extra);
        let due = at(&paused.due_at);
        prop_assert!(due >= at(&plain.due_at));
        let now_i = at(&instant(now));
        let expect_late = now_i > due;
        let state = paused.state;
        match (met, expect_late) {
            (true, false) => prop_assert_eq!(state, SlaState::Met),
            (true, true) => prop_assert_eq!(state, SlaState::MetLate),
            (false, true) => prop_assert_eq!(state, SlaState::Breached),
            (false, false) => prop_assert!(matches!(state, SlaState::Pending | SlaState::DueSoon)),
        }
        prop_assert!(paused.minutes_left >= 0 && paused.minutes_overdue >= 0);
        prop_assert!(paused.minutes_left == 0 || paused.minutes_overdue == 0);
    }

    /// Orders ship on a working day, never before they are paid; a promotion never ships
    /// earlier than the same order outside one; delivery follows shipping.
    #[test]
    fn ship_by_is_a_working_day_not_before_payment(paid in 0..SPAN, city in any::<bool>()) {
        let request = |promotion: bool| json!({
            "paid_at": instant(paid), "destination_city": if city { "深圳" } else { "北京" }, "promotion": promotion,
        });
        let plain = engine().dispatch_estimate(&serde_json::from_value(request(false)).unwrap()).unwrap();
        let promo = engine().dispatch_estimate(&serde_json::from_value(request(true)).unwrap()).unwrap();
        let paid_day = &instant(paid)[..10];
        for d in [&plain, &promo] {
            prop_assert!(d.ship_by.as_str() >= paid_day);
            prop_assert!(engine().is_workday(kefu_core::Date::parse(&d.ship_by).unwrap()).unwrap());
            prop_assert!(d.expected_delivery > d.ship_by);
        }
        prop_assert!(promo.ship_by > plain.ship_by);
    }
}

#[derive(Debug, Clone)]
struct Event {
    kind: &'static str,
    gap_minutes: i64,
    post: bool,
}

fn event() -> impl Strategy<Value = Event> {
    (
        prop::sample::select(vec![
            "requested",
            "seller_agreed",
            "seller_refused",
            "buyer_shipped",
            "seller_confirmed_receipt",
            "refunded",
            "closed",
        ]),
        0i64..(12 * 24 * 60),
        any::<bool>(),
    )
        .prop_map(|(kind, gap_minutes, post)| Event {
            kind,
            gap_minutes,
            post,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Any sequence of events gets a timeline or an error naming an event; a timeline's
    /// history runs forward in time, starts with the request, and its deadline is not before
    /// the state it belongs to began.
    #[test]
    fn refund_timelines_are_ordered_or_name_the_bad_event(
        start in 0..SPAN, events in proptest::collection::vec(event(), 1..8),
        tail in 0i64..(40 * 24 * 60), return_goods in any::<bool>(),
    ) {
        let mut t = start;
        let mut list = Vec::new();
        for e in &events {
            t += e.gap_minutes;
            let mut v = json!({ "type": e.kind, "at": instant(t) });
            if e.kind == "buyer_shipped" {
                v["method"] = json!(if e.post { "post" } else { "express" });
            }
            list.push(v);
        }
        let request = json!({ "events": list, "now": instant(t + tail), "return_goods": return_goods });
        match engine().evaluate("refund_timeline", &request) {
            Ok(d) => {
                let history = d["history"].as_array().unwrap();
                prop_assert_eq!(&history[0]["state"], "awaiting_seller");
                let times: Vec<Instant> = history.iter().map(|h| at(h["at"].as_str().unwrap())).collect();
                prop_assert!(times.windows(2).all(|w| w[0] <= w[1]));
                prop_assert_eq!(&history.last().unwrap()["state"], &d["state"]);
                if let Some(deadline) = d["next_deadline"].as_str() {
                    prop_assert!(at(deadline) >= *times.last().unwrap());
                }
            }
            Err(e) => {
                prop_assert_eq!(e.code, kefu_core::ErrorCode::InvalidInput);
                let path = e.path.unwrap_or_default();
                prop_assert!(path.starts_with("/events/"), "{}", path);
            }
        }
    }
}
