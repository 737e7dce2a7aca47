//! Reading a complaint's text: fold it, find every lexicon phrase in one pass, drop negated
//! ones.
//!
//! Folding is one character to one character (full-width ASCII to ASCII, the ideographic space
//! to a space, ASCII upper to lower case, traditional to simplified for the characters the
//! lexicon uses), so a match in the folded text is the same span in the original. Matching is
//! one Aho–Corasick automaton over every phrase (`automaton.rs`), leftmost-longest: linear in
//! the text.

use super::automaton::Automaton;
use super::trad::{TRAD_TO_SIMP, TRAD_TO_SIMP_ASTRAL};
use serde::{Deserialize, Serialize};

/// What a phrase is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Cause: product quality (产品质量).
    Quality,
    /// Cause: service (服务).
    Service,
    /// Cause: price (价格).
    Price,
    /// Cause: integrity (诚信).
    Integrity,
    /// Behaviour: passive grumbling (消极抱怨).
    Grumble,
    /// Behaviour: venting anger (愤怒发泄), sarcasm included.
    Anger,
    /// Behaviour: negative publicity (负面宣传).
    Publicity,
    /// Behaviour: extreme or radical (极端激进).
    Extreme,
    /// Escalation: legal action.
    Legal,
    /// Escalation: a regulator complaint (12315, 市场监管局).
    Regulator,
    /// Escalation: health or safety.
    Safety,
    /// Great material or mental harm.
    Harm,
    /// What a customer talks about that decides a product-quality cause (电池, 房间, 纸张).
    AspectQuality,
    /// An aspect of the service (物流, 客服, 态度, 前台).
    AspectService,
    /// An aspect of the price (价格, 性价比).
    AspectPrice,
    /// An aspect of honesty (描述, 宣传, 图片).
    AspectIntegrity,
    /// A negative opinion (差, 慢, 小, 吵, 臭): with an aspect before it in the clause, a cue
    /// of the aspect's cause; negated ("不小"), no complaint.
    Negative,
    /// A positive opinion (好用, 满意, 干净): negated ("不好用", "不干净"), a complaint, of
    /// the aspect's cause when one stands before it.
    Positive,
    /// A degree word that may stand between an aspect and its opinion (太, 很, 实在, 有点).
    Degree,
    /// A word that holds a cue's characters but is none ("火车站" holds 着火's 火, "小时"
    /// holds 小): matched so that the shorter cue is not, and never a cue itself.
    Neutral,
}

impl Category {
    /// The cause category an aspect decides.
    fn of_aspect(self) -> Option<Category> {
        match self {
            Category::AspectQuality => Some(Category::Quality),
            Category::AspectService => Some(Category::Service),
            Category::AspectPrice => Some(Category::Price),
            Category::AspectIntegrity => Some(Category::Integrity),
            _ => None,
        }
    }
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Phrase {
    /// The words, as customers write them (folded before matching).
    pub phrase: String,
    /// What they are evidence of.
    pub category: Category,
    /// 1 a hint, 2 clear, 3 strong.
    pub weight: u8,
}

crate::object_only!(Phrase);

/// A phrase found in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cue {
    /// The text as the customer wrote it.
    pub text: String,
    /// The lexicon phrase it matched.
    pub phrase: String,
    /// What it is evidence of.
    pub category: Category,
    /// Its weight.
    pub weight: u8,
    /// Span in Unicode scalar values (Python and Rust `chars` indices), end exclusive.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// The same span in UTF-16 code units (JavaScript string indices).
    pub start_utf16: usize,
    /// End of the span in UTF-16 code units (exclusive).
    pub end_utf16: usize,
}

/// A compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    phrases: Vec<Phrase>,
    automaton: Automaton,
    /// Folded phrases the shop removed: an aspect and opinion that spell one are no cue either.
    removed: Vec<String>,
}

/// What a reading found: counted cues, negated ones, and how many praising opinions stood
/// un-negated (a text that praises and complains of nothing is no complaint).
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Cues that count, in text order.
    pub counted: Vec<Cue>,
    /// Cues found but negated.
    pub negated: Vec<Cue>,
    /// Positive opinions not negated ("很好", "喜欢", "不错").
    pub praise: usize,
}

/// Fold one character for matching.
pub fn fold(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(u32::from(c) - 0xFEE0).map_or(c, |a| a.to_ascii_lowercase())
        }
        'A'..='Z' => c.to_ascii_lowercase(),
        c if u32::from(c) < 0x3400 || !maybe_traditional(c) => c,
        c => match u16::try_from(u32::from(c)) {
            Ok(unit) => TRAD_TO_SIMP
                .binary_search_by_key(&unit, |&(t, _)| t)
                .ok()
                .and_then(|i| TRAD_TO_SIMP.get(i))
                .and_then(|&(_, s)| char::from_u32(u32::from(s)))
                .unwrap_or(c),
            Err(_) => TRAD_TO_SIMP_ASTRAL
                .binary_search_by_key(&c, |&(t, _)| t)
                .ok()
                .and_then(|i| TRAD_TO_SIMP_ASTRAL.get(i))
                .map_or(c, |&(_, s)| s),
        },
    }
}

/// A 4096-bit filter over the table's characters: most simplified text skips the search.
fn maybe_traditional(c: char) -> bool {
    static FILTER: std::sync::OnceLock<[u64; 64]> = std::sync::OnceLock::new();
    let filter = FILTER.get_or_init(|| {
        let mut bits = [0u64; 64];
        let all = TRAD_TO_SIMP
            .iter()
            .map(|&(t, _)| u32::from(t))
            .chain(TRAD_TO_SIMP_ASTRAL.iter().map(|&(t, _)| u32::from(t)));
        for t in all {
            let h = t as usize & 4095;
            if let Some(word) = bits.get_mut(h / 64) {
                *word |= 1 << (h % 64);
            }
        }
        bits
    });
    let h = u32::from(c) as usize & 4095;
    filter
        .get(h / 64)
        .is_some_and(|word| word & (1 << (h % 64)) != 0)
}

/// Fold a whole string.
pub fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

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
    "别",
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
];

/// Words whose second character is a negator's but which negate nothing ("特别是纸张太差").
const ENDS_IN_NEGATOR: &[&str] = &[
    "特别", "区别", "分别", "差别", "级别", "类别", "告别", "个别", "识别", "鉴别", "派别", "判别",
    "辨别", "性别", "除非", "是非", "有无", "出没", "淹没", "埋没", "要不", "莫非", "虚无",
];

/// How many characters before a cue a negator may stand ("不是因为质量问题").
const NEGATION_WINDOW: usize = 5;

/// A comma, which ends a clause but not what it speaks of.
fn is_comma(c: char) -> bool {
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

impl Lexicon {
    /// Compile a lexicon (phrases already checked: non-empty, no duplicates after folding).
    pub fn new(phrases: Vec<Phrase>) -> Lexicon {
        let folded: Vec<String> = phrases.iter().map(|p| fold_str(&p.phrase)).collect();
        let automaton = Automaton::new(&folded);
        Lexicon {
            phrases,
            automaton,
            removed: Vec::new(),
        }
    }

    /// The same, minding the phrases a shop removed (folded): an aspect and an opinion that
    /// together spell one ("发货" + "慢") are no cue.
    pub fn with_removed(phrases: Vec<Phrase>, removed: Vec<String>) -> Lexicon {
        Lexicon {
            removed,
            ..Lexicon::new(phrases)
        }
    }

    /// The phrases, in order.
    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    /// Every cue in `text`: (counted, negated), each in text order.
    pub fn read(&self, text: &str) -> (Vec<Cue>, Vec<Cue>) {
        let r = self.reading(text);
        (r.counted, r.negated)
    }

    /// Every cue in `text`, and the praise it holds.
    pub fn reading(&self, text: &str) -> Reading {
        let mut praise = 0usize;
        let folded = fold_str(text);
        // Per character (folding keeps one char for one char): the folded char, its byte
        // offset in `folded`, its UTF-16 offset and its byte offset in `text`; plus the end.
        let mut chars = Vec::with_capacity(text.len() / 2);
        let mut at = Vec::with_capacity(text.len() / 2 + 1);
        let mut units = 0usize;
        for ((byte, c), (original_byte, original)) in folded.char_indices().zip(text.char_indices())
        {
            chars.push(c);
            at.push((byte, units, original_byte));
            units += original.len_utf16();
        }
        at.push((folded.len(), units, text.len()));
        let position = |i: usize| {
            at.get(i)
                .copied()
                .unwrap_or((folded.len(), units, text.len()))
        };
        let (mut counted, mut negated) = (Vec::new(), Vec::new());
        // A negator inside an earlier cue ("不处理就打12315") belongs to that cue.
        let mut previous_end = 0;
        // The latest aspect of the current clause, and where an opinion of it may start being
        // looked for (after the aspect, then after each opinion of it).
        let mut aspect: Option<Pending> = None;
        let mut anchor = (0usize, 0usize); // (char, byte)
        let mut degree_chars = 0usize; // degree words since the anchor
        let mut degree_end = usize::MAX; // where the last degree word ended (char)
        let mut last_char = 0usize;
        // The last opinion counted on its own, which an aspect right after it may claim.
        let mut lone: Option<usize> = None;
        let make = |start: usize, end: usize, phrase: String, category: Category, weight: u8| {
            let (_, start_utf16, from) = position(start);
            let (_, end_utf16, to) = position(end);
            Cue {
                text: text.get(from..to).unwrap_or_default().to_owned(),
                phrase,
                category,
                weight,
                start,
                end,
                start_utf16,
                end_utf16,
            }
        };
        // An aspect said to be missing ("没有蓝牙") and given no opinion is a complaint of
        // its cause: the absence is the grievance.
        let flush = |a: Option<Pending>, counted: &mut Vec<Cue>| {
            // Only when nothing is said of the aspect after it: "没有态度问题" is no absence.
            let at_end = |end: usize| {
                chars.get(end).is_none_or(|&c| {
                    ends_clause(c)
                        || matches!(c, '了' | '啊' | '呀' | '吗' | '哦' | '呢' | '（' | '(')
                })
            };
            if let Some(a) = a.filter(|a| !a.paired && at_end(a.end)) {
                if let Some(from) = a.absent_from {
                    let phrase = self.phrases.get(a.phrase).map_or("", |x| x.phrase.as_str());
                    // In text order (a cue after the aspect may already be in).
                    let at = counted.partition_point(|q| q.start <= from);
                    counted.insert(at, make(from, a.end, format!("没有…{phrase}"), a.cause, 2));
                }
            }
        };
        for m in self.automaton.find(&chars) {
            let Some(p) = self.phrases.get(m.phrase) else {
                continue;
            };
            let (start_byte, _, _) = position(m.start);
            let (end_byte, _, _) = position(m.end);
            // An English phrase is a whole word: "broken" is not a cue inside "unbroken".
            let letter = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            let (first, last) = (p.phrase.chars().next(), p.phrase.chars().last());
            let before = m.start.checked_sub(1).and_then(|i| chars.get(i));
            if (letter(first.as_ref()) && letter(before))
                || (letter(last.as_ref()) && letter(chars.get(m.end)))
            {
                continue;
            }
            // A sentence ends between the last match and this one: its aspect ends with it.
            // A comma does not end it: "服务态度，实在有待改善" still speaks of the service
            // (the gap check below keeps a far opinion from pairing).
            if chars
                .get(last_char..m.start)
                .is_some_and(|between| between.iter().any(|&c| ends_clause(c) && !is_comma(c)))
            {
                flush(aspect.take(), &mut counted);
            }
            last_char = m.end;
            if let Some(cause) = p.category.of_aspect() {
                flush(aspect.take(), &mut counted);
                // "差劲的管理": an opinion said of the aspect that follows it.
                if let Some(i) = lone.take().filter(|&i| {
                    counted
                        .get(i)
                        .is_some_and(|q: &Cue| chars.get(q.end..m.start) == Some(&['的'][..]))
                }) {
                    if let Some(q) = counted.get(i) {
                        let phrase = format!("{}的{}", q.phrase, p.phrase);
                        let upgraded = make(q.start, m.end, phrase, cause, 2);
                        if let Some(slot) = counted.get_mut(i) {
                            *slot = upgraded;
                        }
                    }
                    continue;
                }
                aspect = Some(Pending {
                    start: m.start,
                    end: m.end,
                    phrase: m.phrase,
                    cause,
                    absent_from: absent_before(&chars, m.start),
                    paired: false,
                });
                (anchor, degree_chars) = ((m.end, end_byte), 0);
                continue;
            }
            match p.category {
                Category::Neutral => continue,
                Category::Degree => {
                    degree_chars += m.end - m.start;
                    degree_end = m.end;
                    continue;
                }
                Category::Negative | Category::Positive => {
                    // The opinion's own aspect: the clause's latest, close enough before it.
                    // Across a comma only when nothing but the comma (and degree words)
                    // stands between: "服务态度，实在有待改善", not "价格还可以，就是太旧".
                    let gap = m
                        .start
                        .saturating_sub(anchor.0)
                        .saturating_sub(degree_chars);
                    let comma = chars
                        .get(anchor.0..m.start)
                        .is_some_and(|between| between.iter().any(|&c| is_comma(c)));
                    let near = aspect
                        .as_mut()
                        .filter(|_| gap <= OPINION_GAP && (!comma || gap <= 1));
                    let scope_from = if near.is_some() {
                        anchor.1
                    } else {
                        previous_end
                    };
                    let flipped = negated_at(&folded, scope_from, start_byte)
                        && !rhetorical(&folded, end_byte);
                    let complaint = (p.category == Category::Negative) != flipped;
                    praise += usize::from(p.category == Category::Positive && !flipped);
                    previous_end = end_byte;
                    // Praise is neither a cue nor a negated one ("房间很干净").
                    let praising = !complaint && !flipped;
                    let found = match near {
                        Some(a) if praising => {
                            a.paired = true;
                            (anchor, degree_chars) = ((m.end, end_byte), 0);
                            continue;
                        }
                        None if praising => continue,
                        Some(a) => {
                            a.paired = true;
                            let aspect_phrase =
                                self.phrases.get(a.phrase).map_or("", |x| x.phrase.as_str());
                            (anchor, degree_chars) = ((m.end, end_byte), 0);
                            let q = make(
                                a.start,
                                m.end,
                                format!("{aspect_phrase}…{}", p.phrase),
                                a.cause,
                                p.weight,
                            );
                            if self.removed.contains(&fold_str(&q.text)) {
                                continue;
                            }
                            q
                        }
                        // A negated positive opinion on its own is a grumble ("不满意").
                        None if complaint && flipped => make(
                            m.start,
                            m.end,
                            p.phrase.clone(),
                            Category::Grumble,
                            p.weight,
                        ),
                        // A negative one on its own is of the thing bought when it is said
                        // with weight ("很吵", "偏小", "一般般"); a bare "小" says too little.
                        None if complaint
                            && (p.phrase.chars().count() >= 2
                                || said_alone(&chars, m.start, m.end)
                                || (degree_end == m.start && ends_word(&chars, m.end))) =>
                        {
                            lone = Some(counted.len());
                            make(m.start, m.end, p.phrase.clone(), Category::Quality, 1)
                        }
                        None => continue,
                    };
                    if complaint {
                        counted.push(found);
                    } else {
                        negated.push(found);
                    }
                    continue;
                }
                _ => {}
            }
            let cue = make(m.start, m.end, p.phrase.clone(), p.category, p.weight);
            let negated_here =
                negated_at(&folded, previous_end, start_byte) && !rhetorical(&folded, end_byte);
            previous_end = end_byte;
            if negated_here {
                negated.push(cue);
            } else {
                counted.push(cue);
            }
        }
        flush(aspect.take(), &mut counted);
        Reading {
            counted,
            negated,
            praise,
        }
    }
}

/// Whether a one-character opinion stands as a whole statement: at the end of its clause
/// ("就一个字：差", "差差差"), or said with 的很 / 得很 ("差的很").
fn said_alone(chars: &[char], start: usize, end: usize) -> bool {
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
fn ends_word(chars: &[char], end: usize) -> bool {
    chars.get(end).is_none_or(|&c| {
        ends_clause(c)
            || matches!(c, '了' | '的' | '啊' | '呀' | '吧' | '！' | '点' | '些')
            || !('\u{4e00}'..='\u{9fff}').contains(&c)
    })
}

/// An aspect waiting for its opinion.
struct Pending {
    start: usize,
    end: usize,
    phrase: usize,
    cause: Category,
    /// Where a word saying it is missing starts ("没有蓝牙"), if one stands right before it.
    absent_from: Option<usize>,
    /// An opinion of it was found.
    paired: bool,
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
fn absent_before(chars: &[char], start: usize) -> Option<usize> {
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
const OPINION_GAP: usize = 3;

/// How far past a cue a rhetorical question's 吗 may stand, in characters.
const RHETORICAL_REACH: usize = 24;

/// Whether the clause from byte `at` on ends as a rhetorical question ("这不是欺骗吗？"),
/// which affirms what it seems to deny. Looks a bounded distance ahead, so a long text with
/// many negated cues stays linear.
fn rhetorical(folded: &str, at: usize) -> bool {
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
    matches!(last, Some('吗' | '嘛' | '么'))
}

/// Whether a negator stands within the window before byte `at` of the folded text, in the
/// same clause.
fn negated_at(folded: &str, from: usize, at: usize) -> bool {
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
    if !window.contains(['不', '没', '并', '无', '非', '别', 'n', 'i', 'w']) {
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
                // The negator's character may end another word ("特别", "区别", "除非").
                let word = folded
                    .get(..start + i)
                    .and_then(|s| s.chars().last())
                    .zip(rest.chars().next())
                    .is_some_and(|(a, b)| ENDS_IN_NEGATOR.iter().any(|w| w.chars().eq([a, b])));
                !word && !NOT_NEGATORS.iter().any(|x| rest.starts_with(x))
            }
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        let p = |phrase: &str, category| Phrase {
            phrase: phrase.to_owned(),
            category,
            weight: 2,
        };
        Lexicon::new(vec![
            p("质量问题", Category::Quality),
            p("态度问题", Category::Service),
            p("质量差", Category::Quality),
            p("broken", Category::Quality),
            p("不能用", Category::Quality),
        ])
    }

    #[test]
    fn negated_phrases_do_not_count() {
        let l = lexicon();
        for text in [
            "不是质量问题",
            "没有态度问题",
            "it's not broken",
            "并不是质量问题，是发错货",
        ] {
            let (counted, negated) = l.read(text);
            assert!(counted.is_empty(), "{text}: {counted:?}");
            assert_eq!(negated.len(), 1, "{text}");
        }
        for text in [
            "不但质量差，还不能用",
            "质量问题！不是小事",
            "nothing works, it is broken",
            "这不是质量问题吗？",
        ] {
            let (counted, _) = l.read(text);
            assert!(!counted.is_empty(), "{text}");
        }
        assert!(l.read("unbroken").0.is_empty());
        // A negator inside an earlier cue belongs to that cue.
        let (counted, negated) = l.read("不能用质量问题");
        assert_eq!((counted.len(), negated.len()), (2, 0));
    }

    #[test]
    fn spans_are_in_the_original_text() {
        let l = lexicon();
        let text = "😀質量問題，ＢＲＯＫＥＮ";
        let (counted, _) = l.read(text);
        assert_eq!(counted.len(), 2);
        assert_eq!((counted[0].start, counted[0].end), (1, 5));
        assert_eq!((counted[0].start_utf16, counted[0].end_utf16), (2, 6));
        assert_eq!(counted[0].text, "質量問題");
        assert_eq!(counted[1].text, "ＢＲＯＫＥＮ");
    }
}
