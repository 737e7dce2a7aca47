//! Reading a complaint's text: fold it, find every lexicon phrase in one pass, drop negated
//! ones.
//!
//! Folding is one character to one character (full-width ASCII to ASCII, the ideographic space
//! to a space, ASCII upper to lower case, traditional to simplified for the characters the
//! lexicon uses), so a match in the folded text is the same span in the original. Matching is
//! one Aho–Corasick automaton over every phrase (`automaton.rs`), leftmost-longest: linear in
//! the text.

use super::automaton::Automaton;
use super::negation::{ends_clause, is_comma, negated_at, rhetorical};
use super::opinions::{absent_before, ends_word, said_alone, Pending, OPINION_GAP};
use super::trad::{TRAD_TO_SIMP, TRAD_TO_SIMP_ASTRAL};
use serde::{Deserialize, Serialize};

/// What a phrase is evidence of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
                    // Only a near gap is scanned for a comma (far ones never pair): linear.
                    let near = aspect.as_mut().filter(|_| {
                        gap <= OPINION_GAP
                            && (gap <= 1
                                || !chars
                                    .get(anchor.0..m.start)
                                    .is_some_and(|between| between.iter().any(|&c| is_comma(c))))
                    });
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
                            // The first opinion's cue spans the aspect; a further one of the
                            // same aspect ("房间又小又暗") spans only itself, so no cue repeats
                            // the text before it (which made a long run of opinions quadratic).
                            let start = if a.paired { m.start } else { a.start };
                            a.paired = true;
                            let aspect_phrase =
                                self.phrases.get(a.phrase).map_or("", |x| x.phrase.as_str());
                            (anchor, degree_chars) = ((m.end, end_byte), 0);
                            let q = make(
                                start,
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
                            // Of what the sentence already complains of ("服务态度差，给人一种
                            // 冰冷的感觉"), else of the thing bought.
                            let cause = counted
                                .last()
                                .filter(|q: &&Cue| {
                                    chars.get(q.end..m.start).is_some_and(|between| {
                                        between.len() <= 24
                                            && !between.iter().any(|&c| {
                                                matches!(c, '。' | '！' | '？' | '!' | '?' | '\n')
                                            })
                                    })
                                })
                                .map(|q| q.category)
                                .filter(|c| {
                                    matches!(
                                        c,
                                        Category::Service | Category::Price | Category::Integrity
                                    )
                                })
                                .unwrap_or(Category::Quality);
                            make(m.start, m.end, p.phrase.clone(), cause, 1)
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
            // A tone marker ("！！！") is no statement a negator could deny.
            let statement = p.phrase.chars().any(char::is_alphanumeric);
            let negated_here = statement
                && negated_at(&folded, previous_end, start_byte)
                && !rhetorical(&folded, end_byte);
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
