//! Writing rows: JSON Lines (the batch item as it is) or CSV (the item's main fields, then
//! the whole decision as JSON). Rows gather in a buffer written only between rows, so an
//! output cut short (a killed run) still ends at a whole row.

use crate::args::Format;
use kefu_core::BatchItem;
use serde_json::Value;
use std::io::Write;

/// The decision fields each kind shows as CSV columns (`reason_codes`: the reasons' codes).
fn columns(kind: &str) -> &'static [&'static str] {
    match kind {
        "check_return" => &[
            "verdict",
            "path",
            "remedies",
            "window_last_day",
            "return_shipping_paid_by",
            "refund_amount_cents",
            "refund_due_days",
            "refund_due_at",
            "reason_codes",
        ],
        "order_flag" => &[
            "flag",
            "flag_code",
            "platform",
            "label",
            "change",
            "reason_codes",
        ],
        "order_action" => &[
            "action",
            "department",
            "flag",
            "flag_code",
            "note",
            "buyer_message",
            "reason_codes",
        ],
        "classify_complaint" => &[
            "severity",
            "behaviour",
            "causes",
            "owner",
            "reply_due_at",
            "coupon_cents",
            "reason_codes",
        ],
        "refund_timeline" => &[
            "state",
            "next_deadline",
            "on_deadline",
            "who_acts",
            "minutes_left",
            "minutes_overdue",
            "reason_codes",
        ],
        "sla" => &[
            "standard",
            "due_at",
            "state",
            "minutes_left",
            "minutes_overdue",
            "reason_codes",
        ],
        "dispatch_estimate" => &[
            "ship_by",
            "expected_delivery",
            "courier",
            "ems_extra_cents",
            "reason_codes",
        ],
        "is_workday" => &["date", "workday", "kind", "holiday"],
        "add_working_time" => &["at"],
        "working_minutes_between" => &["minutes"],
        _ => &[],
    }
}

/// A cell: text as it is, lists of scalars joined by `|`, anything else as JSON.
fn cell(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.iter().all(|i| !i.is_object() && !i.is_array()) => items
            .iter()
            .map(|i| cell(Some(i)))
            .collect::<Vec<_>>()
            .join("|"),
        Some(other) => other.to_string(),
    }
}

pub struct Writer {
    out: Box<dyn Write>,
    buffer: Vec<u8>,
    format: Format,
    columns: &'static [&'static str],
    header_written: bool,
}

impl Writer {
    pub fn new(out: Box<dyn Write>, format: Format, kind: &str) -> Writer {
        Writer {
            out,
            buffer: Vec::with_capacity(1 << 20),
            format,
            columns: columns(kind),
            header_written: false,
        }
    }

    pub fn row(&mut self, item: &BatchItem) -> std::io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.buffer, item)?;
                self.buffer.push(b'\n');
            }
            Format::Csv => {
                let mut csv = csv::Writer::from_writer(&mut self.buffer);
                if !self.header_written {
                    let mut header =
                        vec!["index", "ok", "error_code", "error_path", "error_message"];
                    header.extend_from_slice(self.columns);
                    header.push("decision");
                    csv.write_record(&header)?;
                    self.header_written = true;
                }
                let decision = item.decision.as_ref().map(kefu_core::Decision::to_json);
                let error = item.error.as_ref();
                let mut record = vec![
                    item.index.to_string(),
                    item.ok.to_string(),
                    error
                        .map(|e| e.code.as_str().to_owned())
                        .unwrap_or_default(),
                    error.and_then(|e| e.path.clone()).unwrap_or_default(),
                    error.map(|e| e.message.clone()).unwrap_or_default(),
                ];
                for column in self.columns {
                    let value = decision.as_ref().and_then(|d| {
                        if *column == "reason_codes" {
                            d.get("reasons").and_then(Value::as_array).map(|r| {
                                Value::Array(
                                    r.iter().filter_map(|x| x.get("code").cloned()).collect(),
                                )
                            })
                        } else {
                            d.get(*column).cloned()
                        }
                    });
                    record.push(cell(value.as_ref()));
                }
                record.push(decision.map(|d| d.to_string()).unwrap_or_default());
                csv.write_record(&record)?;
                csv.flush()?;
            }
        }
        if self.buffer.len() >= 1 << 20 {
            self.flush()?;
        }
        Ok(())
    }

    /// Write what is gathered (whole rows only).
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.write_all(&self.buffer)?;
        self.buffer.clear();
        self.out.flush()
    }
}
