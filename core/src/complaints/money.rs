//! Amounts of money a customer writes ("白白损失了五千块", "花了2000多买的"), read so that a
//! loss in the words reaches the policy's serious threshold the way a structured `loss_cents`
//! does (seed 002: 严重投诉 is considerable material harm).
//!
//! An amount counts as a loss only when its clause says so (损失, 亏, 白白, 浪费, 花了, 被骗,
//! 赔, 冤枉): a price quoted in passing ("标间618元") is not a loss.

use super::reader::{Category, Cue};
use crate::num::yuan;

/// Words that make an amount in their clause a loss.
const LOSS_WORDS: &[&str] = &[
    "损失",
    "亏了",
    "亏损",
    "白白",
    "白花",
    "浪费",
    "花了",
    "多花",
    "被骗",
    "骗了",
    "赔了",
    "冤枉",
    "打水漂",
    "血本",
];

/// How far from an amount its loss word may stand, in characters.
const CLAUSE_REACH: usize = 40;

/// Units after a number that make it money.
const UNITS: &[&str] = &["块钱", "块", "元", "大洋", "rmb", "人民币"];

fn digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(u64::from(c) - u64::from('0')),
        '零' | '〇' => Some(0),
        '一' => Some(1),
        '二' | '两' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

fn multiplier(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        '万' => Some(10_000),
        _ => None,
    }
}

/// The value in yuan of a run of numerals ("2000", "五千", "一万二", "3.5万"), or `None`.
fn value(run: &[char]) -> Option<f64> {
    let mut total = 0f64; // finished 万 sections
    let mut section = 0f64; // within the current 万
    let mut number = 0f64; // the digits read since the last multiplier
    let mut fraction: Option<f64> = None; // place of the next decimal digit
    let mut any = false;
    for &c in run {
        if c == '.' {
            fraction = Some(0.1);
            continue;
        }
        if let Some(d) = digit(c) {
            any = true;
            #[allow(clippy::cast_precision_loss)] // one digit
            let d = d as f64;
            match fraction.as_mut() {
                Some(place) => {
                    number += d * *place;
                    *place /= 10.0;
                }
                None => number = number * 10.0 + d,
            }
            continue;
        }
        let m = multiplier(c)?;
        any = true;
        fraction = None;
        #[allow(clippy::cast_precision_loss)] // at most 10,000
        let m = m as f64;
        if m >= 10_000.0 {
            total = (total + section + number) * m;
            section = 0.0;
        } else {
            // "十" alone is ten.
            section += if number == 0.0 { 1.0 } else { number } * m;
        }
        number = 0.0;
    }
    any.then_some(total + section + number)
}

/// Every loss written in `chars` (the folded text): its span in characters and its amount in
/// cents. Linear in the text; at most 16 amounts are read.
pub(crate) fn losses(
    chars: &[char],
    ends_clause: impl Fn(char) -> bool,
) -> Vec<(usize, usize, i64)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() && out.len() < 16 {
        let Some(&c) = chars.get(i) else { break };
        if digit(c).is_none() && multiplier(c).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        // A comma belongs to the number only as a thousands separator ("1,200"): the folded
        // text writes a clause's "，" as "," too.
        let thousands = |k: usize| {
            chars.get(k) == Some(&',')
                && (1..=3).all(|d| chars.get(k + d).is_some_and(|c| c.is_ascii_digit()))
                && !chars.get(k + 4).is_some_and(|c| c.is_ascii_digit())
        };
        while chars
            .get(i)
            .is_some_and(|&c| digit(c).is_some() || multiplier(c).is_some() || c == '.')
            || thousands(i)
        {
            i += 1;
        }
        let run: Vec<char> = chars
            .get(start..i)
            .unwrap_or_default()
            .iter()
            .copied()
            .filter(|&c| c != ',')
            .collect();
        // "2000多块", "五千来块"
        let mut j = i;
        if chars
            .get(j)
            .is_some_and(|&c| matches!(c, '多' | '余' | '来'))
        {
            j += 1;
        }
        let unit = UNITS.iter().find(|u| {
            let n = u.chars().count();
            chars
                .get(j..j + n)
                .is_some_and(|w| w.iter().copied().eq(u.chars()))
        });
        // Without a unit, an amount right after a spending word is money too ("花了2000多").
        let spent = ["花了", "花", "损失了", "亏了", "赔了"].iter().any(|w| {
            let n = w.chars().count();
            start
                .checked_sub(n)
                .and_then(|s| chars.get(s..start))
                .is_some_and(|x| x.iter().copied().eq(w.chars()))
        });
        let Some(yuan) = value(&run) else { continue };
        let end = match unit {
            Some(u) => j + u.chars().count(),
            None if spent => j,
            None => continue,
        };
        // The clause around the amount must say it was lost.
        // Read at most CLAUSE_REACH characters either way, so that a text of many amounts in
        // one endless clause stays linear.
        let mut from = start;
        while from > 0
            && start - from < CLAUSE_REACH
            && chars.get(from - 1).is_some_and(|&c| !ends_clause(c))
        {
            from -= 1;
        }
        let mut to = end;
        while to - end < CLAUSE_REACH && chars.get(to).is_some_and(|&c| !ends_clause(c)) {
            to += 1;
        }
        let clause: String = chars.get(from..to).unwrap_or_default().iter().collect();
        if LOSS_WORDS.iter().any(|w| clause.contains(w)) && yuan.is_finite() {
            #[allow(clippy::cast_possible_truncation)] // bounded below
            let cents = (yuan.min(1e12) * 100.0).round() as i64;
            out.push((start, end, cents));
        }
        i = end;
    }
    out
}

/// The phrase of a cue that is a loss written in the words (`损失≥1000元`).
pub(super) const WRITTEN_LOSS: &str = "损失≥";

/// Losses written in `text` at or above `threshold` cents, as cues (category harm).
pub(super) fn written_losses(text: &str, threshold: i64) -> Vec<Cue> {
    let chars: Vec<char> = super::reader::fold_str(text).chars().collect();
    let found = losses(&chars, super::negation::ends_clause);
    if found.is_empty() {
        return Vec::new();
    }
    // Character index -> (byte offset in text, UTF-16 offset), one past the end included.
    let mut at = Vec::with_capacity(chars.len() + 1);
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        at.push((byte, units));
        units += c.len_utf16();
    }
    at.push((text.len(), units));
    found
        .into_iter()
        .filter(|&(_, _, cents)| cents >= threshold)
        .filter_map(|(start, end, _)| {
            let (&(from, start_utf16), &(to, end_utf16)) = (at.get(start)?, at.get(end)?);
            Some(Cue {
                text: text.get(from..to)?.to_owned(),
                phrase: format!("{WRITTEN_LOSS}{}元", yuan(threshold)),
                category: Category::Harm,
                weight: 3,
                start,
                end,
                start_utf16,
                end_utf16,
            })
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<i64> {
        let chars: Vec<char> = text.chars().collect();
        losses(&chars, |c| matches!(c, '，' | '。' | '！' | ','))
            .into_iter()
            .map(|(_, _, cents)| cents)
            .collect()
    }

    #[test]
    fn amounts_in_words_and_digits() {
        assert_eq!(read("白白损失了五千块"), [500_000]);
        assert_eq!(read("花了2000多买的，用了两天就坏"), [200_000]);
        assert_eq!(read("被骗了一万二千元"), [1_200_000]);
        assert_eq!(read("损失3.5万元"), [3_500_000]);
        assert_eq!(read("浪费了十五块钱"), [1_500]);
        assert_eq!(read("损失1,200元"), [120_000]);
    }

    #[test]
    fn a_price_in_passing_is_no_loss() {
        assert!(read("标间618元，房间很小").is_empty());
        assert!(read("花了时间，三个月").is_empty());
        assert_eq!(read("总共花了4430，现在还4800"), [443_000]);
    }
}
