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
use crate::error::{Error, ErrorCode, Result};
use crate::time::add_days;
use chrono::{FixedOffset, NaiveDate};
use serde::Serialize;

/// Which window applied to a no-reason return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WindowSource {
    /// `returns.windows.skus`.
    Sku,
    /// `returns.windows.tags`.
    Tag,
    /// `returns.windows.campaigns`.
    Campaign,
    /// `returns.windows.categories`.
    Category,
    /// The policy's `no_reason_days`, longer than the law's.
    PolicyDefault,
    /// The law's seven days (CPL Art. 25; the Measures Art. 10).
    Law,
}

/// A period's last day: as counted, and as it applies.
#[derive(Debug, Clone, Copy)]
pub(super) struct LastDay {
    /// As counted from the start.
    pub counted: NaiveDate,
    /// As it applies: moved past rest days (Art. 203), or as counted when the calendar does not
    /// know the year and no move could change the answer (`as_counted`).
    pub last: NaiveDate,
    /// The calendar could not say whether the counted day is a rest day.
    pub as_counted: bool,
}

/// `counted` moved past legal rest days. When the calendar does not know the day's year (a
/// policy with `unknown_years: "error"`, or a day past its years) the move cannot be made; if
/// the request falls on or before the counted day, no move could change the answer, so the
/// counted day stands and says so (`as_counted`); otherwise the calendar's error, naming what
/// needed it, is the answer.
pub(super) fn moved(
    p: &ReturnsPolicy,
    calendar: &Days<'_>,
    counted: NaiveDate,
    asked: NaiveDate,
    what: (&str, &str),
) -> Result<LastDay> {
    match calendar.last_day_after_rest_days(counted, p.weekends_are_rest_days) {
        Ok(last) => Ok(LastDay {
            counted,
            last,
            as_counted: false,
        }),
        Err(e) if e.code == ErrorCode::CalendarYearUnknown && asked <= counted => Ok(LastDay {
            counted,
            last: counted,
            as_counted: true,
        }),
        Err(e) => Err(e.needed_for(what.0, what.1, "/signed_at")),
    }
}

/// The date `days` days after `from` (the start day not counted: 民法典 Art. 201).
pub(super) fn counted(from: NaiveDate, days: u32) -> Result<NaiveDate> {
    add_days(from, i64::from(days)).ok_or_else(|| {
        Error::invalid_input("", "date out of range").with_zh("日期超出可计算的范围")
    })
}

/// The window chosen for one request.
pub(super) struct Chosen {
    pub source: WindowSource,
    /// Where the policy sets it; none for the law.
    pub path: Option<String>,
    /// Days counted from the day after signing; none for a window with a fixed last day.
    pub days: Option<u32>,
    /// Its last day.
    pub day: LastDay,
    /// The window in words, for the reasons: (Chinese, English).
    pub what: (String, String),
}

/// A window that matched, before the choice.
struct Candidate {
    source: WindowSource,
    path: Option<String>,
    window: Window,
    name: (String, String),
}

fn candidate(
    source: WindowSource,
    path: Option<String>,
    window: &Window,
    name: (String, String),
) -> Candidate {
    Candidate {
        source,
        path,
        window: window.clone(),
        name,
    }
}

pub(super) fn choose(
    p: &ReturnsPolicy,
    r: &ReturnRequest,
    tz: FixedOffset,
    calendar: &Days<'_>,
) -> Result<Chosen> {
    let signed = r.signed_at.date_in(tz);
    let asked = r.requested_at.date_in(tz);
    let w = &p.windows;
    let esc = crate::decode::escape;
    let mut found: Vec<Candidate> = Vec::new();
    if let Some(sku) = &r.sku {
        if let Some(win) = w.skus.get(&sku.0) {
            let path = format!("/returns/windows/skus/{}", esc(&sku.0));
            let name = (
                format!("店铺SKU {} 的退货期", sku.0),
                format!("the shop's window for SKU {}", sku.0),
            );
            found.push(candidate(WindowSource::Sku, Some(path), win, name));
        }
    }
    for tag in &r.tags {
        if let Some(win) = w.tags.get(&tag.0) {
            let path = format!("/returns/windows/tags/{}", esc(&tag.0));
            let name = (
                format!("店铺标签“{}”的退货期", tag.0),
                format!("the shop's window for tag {}", tag.0),
            );
            found.push(candidate(WindowSource::Tag, Some(path), win, name));
        }
    }
    if let Some(win) = w.categories.get(&r.category) {
        let path = format!("/returns/windows/categories/{}", r.category.key());
        let name = (
            format!("店铺对{}的退货期", super::category_zh(r.category)),
            format!("the shop's window for {}", super::category_en(r.category)),
        );
        found.push(candidate(WindowSource::Category, Some(path), win, name));
    }
    let default = Window {
        days: Some(p.no_reason_days),
        last_day: None,
    };
    if p.no_reason_days.0 > LAW_NO_REASON_DAYS {
        let name = (
            String::from("店铺默认退货期"),
            String::from("the shop's default window"),
        );
        found.push(candidate(
            WindowSource::PolicyDefault,
            Some(String::from("/returns/no_reason_days")),
            &default,
            name,
        ));
    }
    let law = Window {
        days: Some(crate::num::Count(LAW_NO_REASON_DAYS)),
        last_day: None,
    };
    let name = (
        String::from("法定无理由退货期"),
        String::from("the law's no-reason window"),
    );
    found.push(candidate(WindowSource::Law, None, &law, name));

    let last_of = |window: &Window| -> Result<Option<LastDay>> {
        Ok(match (window.days, window.last_day) {
            (Some(n), _) => {
                let what = ("the return window's last day", "退货期限的最后一日");
                Some(moved(p, calendar, counted(signed, n.0)?, asked, what)?)
            }
            // A fixed last day is a date the shop chose, not a period counted in days: Art.
            // 203 does not move it.
            (None, Some(day)) => Some(LastDay {
                counted: day.0,
                last: day.0,
                as_counted: false,
            }),
            (None, None) => None,
        })
    };
    let mut best: Option<(Candidate, LastDay)> = None;
    for c in found {
        let Some(day) = last_of(&c.window)? else {
            continue;
        };
        let better = match &best {
            None => true,
            Some((b, d)) => day.last > d.last || (day.last == d.last && c.source < b.source),
        };
        if better {
            best = Some((c, day));
        }
    }

    // Campaigns match by the day the order was paid. Without `paid_at` a campaign is asked
    // for only when it could decide: one whose payment days could hold this order (paid on or
    // before signing) and whose window would end later than the one found.
    for (i, c) in w.campaigns.iter().enumerate() {
        let win = Window {
            days: c.days,
            last_day: c.last_day,
        };
        let paid_in = match r.paid_at {
            Some(paid) => {
                let day = paid.date_in(tz);
                c.paid_from.0 <= day && day <= c.paid_until.0
            }
            None => {
                if c.paid_from.0 > signed {
                    continue;
                }
                let Some(day) = last_of(&win)? else { continue };
                if best.as_ref().is_some_and(|(_, d)| d.last >= day.last) {
                    continue;
                }
                return Err(Error::invalid_input(
                    "/paid_at",
                    format!("paid_at is needed: the policy's campaign {:?} gives a later window to orders paid from {} to {}", c.name, crate::time::ymd(c.paid_from.0), crate::time::ymd(c.paid_until.0)),
                )
                .with_zh(format!("缺少付款时间（paid_at）：店铺活动“{}”对{}至{}付款的订单给出更长的退货期", c.name, crate::time::ymd(c.paid_from.0), crate::time::ymd(c.paid_until.0)))
                .with_kind(crate::ErrorKind::MissingField));
            }
        };
        if !paid_in {
            continue;
        }
        let Some(day) = last_of(&win)? else { continue };
        let better = match &best {
            None => true,
            Some((b, d)) => {
                day.last > d.last || (day.last == d.last && WindowSource::Campaign < b.source)
            }
        };
        if better {
            let name = (
                format!("店铺活动“{}”的退货期", c.name),
                format!("the shop's campaign {}", c.name),
            );
            let path = Some(format!("/returns/windows/campaigns/{i}"));
            best = Some((candidate(WindowSource::Campaign, path, &win, name), day));
        }
    }

    let (c, day) =
        best.ok_or_else(|| Error::invalid_input("", "no return window").with_zh("没有退货期限"))?;
    let days = c.window.days.map(|n| n.0);
    let what = match days {
        Some(n) => (
            format!("{}：签收次日起{n}天", c.name.0),
            format!("{}: {n} days from the day after signing", c.name.1),
        ),
        None => {
            let d = crate::time::ymd(day.last);
            (
                format!("{}：可退至{d}", c.name.0),
                format!("{}: returnable until {d}", c.name.1),
            )
        }
    };
    Ok(Chosen {
        source: c.source,
        path: c.path,
        days,
        day,
        what,
    })
}
