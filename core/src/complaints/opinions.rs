//! Aspects and their opinions: how close an opinion must stand, when one said alone counts,
//! and when an aspect is said to be missing ("没有鼠标"). The reader pairs them in its one pass.

use super::negation::ends_clause;
use super::reader::Category;

/// Whether a one-character opinion stands as a whole statement: at the end of its clause
/// ("就一个字：差", "差差差"), or said with 的很 / 得很 ("差的很").
pub(super) fn said_alone(chars: &[char], start: usize, end: usize) -> bool {
    let after = chars.get(end..).unwrap_or_default();
    let before = start.checked_sub(1).and_then(|i| chars.get(i));
    after.first().is_none_or(|&c| ends_clause(c) || c == '啊')
        || after.starts_with(&['的', '很'])
        || after.starts_with(&['得', '很'])
        || after.first() == chars.get(start)
        || before.is_some_and(|&c| c == '：' || c == ':')
}

/// Whether a word ends at `end`: the text or a clause ends there, or a particle or a
/// character that is no Chinese word's follows ("有点小幸运" is no "小").
pub(super) fn ends_word(chars: &[char], end: usize) -> bool {
    chars.get(end).is_none_or(|&c| {
        ends_clause(c)
            || matches!(c, '了' | '的' | '啊' | '呀' | '吧' | '！' | '点' | '些')
            || !('\u{4e00}'..='\u{9fff}').contains(&c)
    })
}

/// An aspect waiting for its opinion.
pub(super) struct Pending {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) phrase: usize,
    pub(super) cause: Category,
    /// Where a word saying it is missing starts ("没有蓝牙"), if one stands right before it.
    pub(super) absent_from: Option<usize>,
    /// An opinion of it was found.
    pub(super) paired: bool,
}

/// Words that say a thing is missing. One-character ones must touch the aspect ("无线" is
/// wireless, not "no line"); two-character ones may have one character between ("没有送包").
const ABSENT: &[&str] = &[
    "没有",
    "没带",
    "没送",
    "没给",
    "不带",
    "不送",
    "不给",
    "缺少",
    "不提供",
    "没提供",
    "没",
    "缺",
    "未",
];

/// Where a word saying the aspect at `start` is missing begins, if one does.
pub(super) fn absent_before(chars: &[char], start: usize) -> Option<usize> {
    for skip in 0..=1usize {
        let Some(end) = start.checked_sub(skip) else {
            continue;
        };
        // Nothing that ends a clause may be skipped.
        if chars
            .get(end..start)
            .is_some_and(|s| s.iter().any(|&c| ends_clause(c)))
        {
            continue;
        }
        for word in ABSENT {
            let n = word.chars().count();
            if skip > 0 && n < 2 {
                continue;
            }
            let Some(from) = end.checked_sub(n) else {
                continue;
            };
            if chars
                .get(from..end)
                .is_some_and(|w| w.iter().copied().eq(word.chars()))
            {
                return Some(from);
            }
        }
    }
    None
}

/// Most characters between an aspect (or its last opinion) and an opinion of it, degree
/// words not counted ("电池时间短": 时间).
pub(super) const OPINION_GAP: usize = 3;
