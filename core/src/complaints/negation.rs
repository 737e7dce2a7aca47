//! Negation and clauses: where a clause ends, which words negate what follows them, and
//! which only look as if they do (a negator is a word, not a character inside another one:
//! 不时, 不锈钢, 没想到, 特别, 除非 negate nothing). Issue 17 moved these out of the reader.

/// Words that negate a cue right after them ("不是质量问题", "没有态度问题", "not broken").
const NEGATORS: &[&str] = &[
    "不是",
    "不算",
    "不存在",
    "没有",
    "没",
    "并非",
    "并不",
    "并没",
    "无",
    "非",
    "不",
    "not",
    "no",
    "never",
    "isn't",
    "wasn't",
    "isnt",
    "n't",
];

/// Words that start with a negating character but do not negate what follows
/// ("不但质量差" is a quality complaint).
const NOT_NEGATORS: &[&str] = &[
    "不但",
    "不仅",
    "不光",
    "不只",
    "不管",
    "不论",
    "不得不",
    "不停",
    "不断",
    "不久",
    "不少",
    "无语",
    "无奈",
    "无法",
    "无良",
    "非常",
    "没完",
    "不时",
    "不锈",
    "没想到",
    "不然",
    "不过",
    "不错",
    "不愧",
    "不禁",
    "不由",
    "不免",
    "无论",
    "无比",
    "非得",
    "不知不觉",
    "别说",
    "别的",
    "别人",
    "别处",
    "无线",
    "不是一般",
    "不要",
    "不用",
];

/// Words whose second character is a negator's but which negate nothing ("特别是纸张太差").
const ENDS_IN_NEGATOR: &[&str] = &[
    "特别", "区别", "分别", "差别", "级别", "类别", "告别", "个别", "识别", "鉴别", "派别", "判别",
    "辨别", "性别", "除非", "是非", "有无", "出没", "淹没", "埋没", "要不", "莫非", "虚无",
    // Questions that suspect rather than deny ("是不是盗版的", "会不会有甲醛").
    "是不", "会不", "能不", "有没", "可不", "该不",
];

/// How many characters before a cue a negator may stand ("不是因为质量问题").
const NEGATION_WINDOW: usize = 5;

/// A comma, which ends a clause but not what it speaks of.
pub(super) fn is_comma(c: char) -> bool {
    matches!(c, '，' | ',')
}

/// Characters that end a clause: a negator before one does not reach past it.
pub(crate) fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '！'
            | '？'
            | '；'
            | '、'
            | ','
            | '.'
            | '!'
            | '?'
            | ';'
            | '\n'
            | '…'
            | '~'
            | '：'
            | ':'
    )
}

/// How far past a cue a rhetorical question's 吗 may stand, in characters.
const RHETORICAL_REACH: usize = 24;

/// Whether the clause from byte `at` on ends as a rhetorical question ("这不是欺骗吗？"),
/// which affirms what it seems to deny. Looks a bounded distance ahead, so a long text with
/// many negated cues stays linear.
pub(super) fn rhetorical(folded: &str, at: usize) -> bool {
    let rest = folded.get(at..).unwrap_or_default();
    let mut last = None;
    for c in rest.chars().take(RHETORICAL_REACH) {
        if ends_clause(c) {
            break;
        }
        if !c.is_whitespace() {
            last = Some(c);
        }
    }
    matches!(last, Some('吗' | '嘛' | '么' | '啥'))
}

/// Whether a negator stands within the window before byte `at` of the folded text, in the
/// same clause.
pub(super) fn negated_at(folded: &str, from: usize, at: usize) -> bool {
    let before = folded.get(from.min(at)..at).unwrap_or_default();
    let mut start = at;
    let base = from.min(at);
    for (taken, (i, c)) in before.char_indices().rev().enumerate() {
        let i = base + i;
        if taken >= NEGATION_WINDOW * 2 || ends_clause(c) {
            break;
        }
        // ASCII words take more characters than Chinese ones; allow them a wider window.
        if taken >= NEGATION_WINDOW && !c.is_ascii() {
            break;
        }
        start = i;
    }
    let window = folded.get(start..at).unwrap_or_default();
    // Most windows hold no negator's first character at all.
    if !window.contains(['不', '没', '并', '无', '非', 'n', 'i', 'w']) {
        return false;
    }
    // One pass over the window's char boundaries, trying each negator there.
    window.char_indices().any(|(i, _)| {
        let rest = window.get(i..).unwrap_or_default();
        NEGATORS.iter().any(|n| {
            if !rest.starts_with(n) {
                return false;
            }
            if n.is_ascii() {
                let after = rest.get(n.len()..).and_then(|r| r.chars().next());
                let before_ok = !window
                    .get(..i)
                    .and_then(|s| s.chars().last())
                    .is_some_and(|c| c.is_ascii_alphabetic());
                let after_ok =
                    n.starts_with("n'") || !after.is_some_and(|c| c.is_ascii_alphabetic());
                before_ok && after_ok
            } else {
                // The negator's character may end another word ("特别", "区别", "除非") or
                // ask a question ("是不是盗版", "会不会"); it may begin a word that runs into
                // the cue ("不过热天", so the text past the window is read too); and in
                // "回都不回" it belongs to its verb.
                let before: Vec<char> = folded
                    .get(..start + i)
                    .map(|s| s.chars().rev().take(2).collect())
                    .unwrap_or_default();
                let from_here = folded.get(start + i..).unwrap_or_default();
                let first = rest.chars().next();
                let word = before
                    .first()
                    .zip(first)
                    .is_some_and(|(&a, b)| ENDS_IN_NEGATOR.iter().any(|w| w.chars().eq([a, b])));
                let after = from_here.chars().nth(n.chars().count());
                let repeated = after.is_some_and(|x| {
                    before.first() == Some(&x)
                        || (before.get(1) == Some(&x)
                            && matches!(before.first(), Some('都' | '也')))
                });
                !word && !repeated && !NOT_NEGATORS.iter().any(|x| from_here.starts_with(x))
            }
        })
    })
}
