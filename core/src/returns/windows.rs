//! Which no-reason window applies to a request — the law's, the policy's default, or one of
//! the shop's own by category, SKU, tag or campaign — and where a period's last day falls once
//! the law moves it past rest days (民法典 Art. 203).
//!
//! Precedence (docs/rules.md "Return windows"): every window that matches is a promise to the
//! buyer, so the one whose last day comes latest applies; ties go to the most specific (SKU,
//! tag, campaign, category, the policy's default, the law). The law's seven days are always
//! among the candidates, so no window gives less.

use super::{ReturnRequest, ReturnsPolicy, Window, LAW_NO_REASON_DAYS};
use crate::calendar::Days;
use crate::error::{Error, Result};
use crate::time::add_days;
use chrono::{FixedOffset, NaiveDate};
use serde::Serialize;

/// Which window applied to a no-reason return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WindowSource {
    /// The law's seven days (CPL Art. 25; the Measures Art. 10).
    Law,
    /// The policy's `no_reason_days`, longer than the law's.
    PolicyDefault,
    /// `returns.windows.categories`.
    Category,
    /// `returns.windows.skus`.
    Sku,
    /// `returns.windows.tags`.
    Tag,
    /// `returns.windows.campaigns`.
    Campaign,
}

/// The window chosen for one request.
pub(super) struct Chosen {
    pub source: WindowSource,
    /// Where the policy sets it; none for the law.
    pub path: Option<String>,
    /// Days counted from the day after signing; none for a window with a fixed last day.
    pub days: Option<u32>,
    /// The last day as counted, before Art. 203 moved it.
    pub counted_last: NaiveDate,
    /// The last day that applies.
    pub last: NaiveDate,
    /// The window in words, for the reasons: (Chinese, English).
    pub what: (String, String),
}

/// `last` moved past legal rest days, with the error naming what needed the calendar.
pub(super) fn moved(
    p: &ReturnsPolicy,
    calendar: &Days<'_>,
    last: NaiveDate,
    what: (&str, &str),
) -> Result<NaiveDate> {
    calendar
        .last_day_after_rest_days(last, p.weekends_are_rest_days)
        .map_err(|e| e.needed_for(what.0, what.1, "/signed_at"))
}

/// The date `days` days after `from` (the start day not counted: 民法典 Art. 201).
pub(super) fn counted(from: NaiveDate, days: u32) -> Result<NaiveDate> {
    add_days(from, i64::from(days)).ok_or_else(|| {
        Error::invalid_input("", "date out of range").with_zh("日期超出可计算的范围")
    })
}

pub(super) fn choose(
    p: &ReturnsPolicy,
    r: &ReturnRequest,
    tz: FixedOffset,
    calendar: &Days<'_>,
) -> Result<Chosen> {
    let signed = r.signed_at.date_in(tz);
    let w = &p.windows;
    let mut best: Option<Chosen> = None;
    let mut offer = |source: WindowSource,
                     path: Option<String>,
                     window: &Window,
                     name: (String, String)|
     -> Result<()> {
        let (days, counted_last, last) = match (window.days, window.last_day) {
            (Some(n), _) => {
                let c = counted(signed, n.0)?;
                let what = ("the return window's last day", "退货期限的最后一日");
                (Some(n.0), c, moved(p, calendar, c, what)?)
            }
            // A fixed last day is a date the shop chose, not a period counted in days: Art.
            // 203 does not move it.
            (None, Some(day)) => (None, day.0, day.0),
            (None, None) => return Ok(()),
        };
        if best.as_ref().is_some_and(|b| b.last >= last) {
            return Ok(());
        }
        let what = match days {
            Some(n) => (
                format!("{}：签收次日起{n}天", name.0),
                format!("{}: {n} days from the day after signing", name.1),
            ),
            None => {
                let d = crate::time::ymd(last);
                (
                    format!("{}：可退至{d}", name.0),
                    format!("{}: returnable until {d}", name.1),
                )
            }
        };
        best = Some(Chosen {
            source,
            path,
            days,
            counted_last,
            last,
            what,
        });
        Ok(())
    };
    let esc = crate::decode::escape;
    if let Some(sku) = &r.sku {
        if let Some(win) = w.skus.get(&sku.0) {
            let path = format!("/returns/windows/skus/{}", esc(&sku.0));
            offer(
                WindowSource::Sku,
                Some(path),
                win,
                (
                    format!("店铺SKU {} 的退货期", sku.0),
                    format!("the shop's window for SKU {}", sku.0),
                ),
            )?;
        }
    }
    for tag in &r.tags {
        if let Some(win) = w.tags.get(&tag.0) {
            let path = format!("/returns/windows/tags/{}", esc(&tag.0));
            offer(
                WindowSource::Tag,
                Some(path),
                win,
                (
                    format!("店铺标签“{}”的退货期", tag.0),
                    format!("the shop's window for tag {}", tag.0),
                ),
            )?;
        }
    }
    if !w.campaigns.is_empty() {
        let paid = r.paid_at.ok_or_else(|| {
            Error::invalid_input("/paid_at", "paid_at is needed: the policy has campaign windows, chosen by when the order was paid")
                .with_zh("缺少付款时间（paid_at）：店铺政策设有活动退货期，按付款时间判断")
                .with_kind(crate::ErrorKind::MissingField)
        })?;
        let day = paid.date_in(tz);
        for (i, c) in w.campaigns.iter().enumerate() {
            if c.paid_from.0 <= day && day <= c.paid_until.0 {
                let win = Window {
                    days: c.days,
                    last_day: c.last_day,
                };
                let name = (
                    format!("店铺活动“{}”的退货期", c.name),
                    format!("the shop's campaign {}", c.name),
                );
                offer(
                    WindowSource::Campaign,
                    Some(format!("/returns/windows/campaigns/{i}")),
                    &win,
                    name,
                )?;
            }
        }
    }
    if let Some(win) = w.categories.get(&r.category) {
        let path = format!("/returns/windows/categories/{}", r.category.key());
        let name = (
            format!("店铺对{}的退货期", super::category_zh(r.category)),
            format!("the shop's window for {}", super::category_en(r.category)),
        );
        offer(WindowSource::Category, Some(path), win, name)?;
    }
    if p.no_reason_days.0 > LAW_NO_REASON_DAYS {
        let win = Window {
            days: Some(p.no_reason_days),
            last_day: None,
        };
        offer(
            WindowSource::PolicyDefault,
            Some(String::from("/returns/no_reason_days")),
            &win,
            (
                String::from("店铺默认退货期"),
                String::from("the shop's default window"),
            ),
        )?;
    }
    let law = Window {
        days: Some(crate::num::Count(LAW_NO_REASON_DAYS)),
        last_day: None,
    };
    offer(
        WindowSource::Law,
        None,
        &law,
        (
            String::from("法定无理由退货期"),
            String::from("the law's no-reason window"),
        ),
    )?;
    best.ok_or_else(|| Error::invalid_input("", "no return window").with_zh("没有退货期限"))
}
