//! How serious a complaint is, what kind, why, who owns it and by when it is answered
//! (rule book §4; seed 002 §三 了解客户的投诉类型, §四 确定投诉处理的流程; seed 004 §三).
//!
//! Evidence comes from two places: the structured facts an agent knows (loss, harm, threats,
//! earlier complaints) and the customer's own words, read against a phrase lexicon that lives
//! in the policy. Every phrase that counted is returned as a cue with its span, so an agent
//! sees why. The `critical` tier (health and safety, legal or regulator escalation) is kefu's
//! own, not the seed's: the seed has only general and serious; ISO 10002 asks only that health
//! and safety complaints be handled at once. A policy can switch it off.

mod automaton;
mod money;
mod negation;
mod opinions;
pub mod reader;
mod trad;

use crate::calendar::Days;
use crate::error::{Error, Result};
use crate::num::{yuan, Cents, Count};
use crate::policy::PolicyRef;
use crate::reason::{Reason, Rule};
use crate::sla::Standard;
use crate::time::Instant;
pub use reader::{Category, Cue, Lexicon, Phrase};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// The built-in lexicon (`lexicon.txt` beside this file): `== category weight` lines, each
/// followed by its phrases, one per line. Plain text rather than JSON: a third smaller in the
/// wasm build, and easier to review.
const BUILTIN_LEXICON: &str = include_str!("lexicon.txt");

/// The built-in phrases, read once.
pub fn builtin_phrases() -> &'static [Phrase] {
    static PHRASES: OnceLock<Vec<Phrase>> = OnceLock::new();
    PHRASES.get_or_init(|| parse_lexicon(BUILTIN_LEXICON))
}

/// Read the lexicon text; a line before any group, or a group line kefu does not know, is
/// skipped (the built-in text is checked whole by a test).
fn parse_lexicon(text: &str) -> Vec<Phrase> {
    let mut out = Vec::new();
    let mut group: Option<(Category, u8)> = None;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix("== ") {
            let mut parts = head.split(' ');
            let category = parts.next().and_then(|c| {
                Category::deserialize(
                    serde::de::value::StrDeserializer::<serde::de::value::Error>::new(c),
                )
                .ok()
            });
            let weight = parts.next().and_then(|w| w.parse().ok());
            group = category.zip(weight);
            continue;
        }
        if let Some((category, weight)) = group {
            out.push(Phrase {
                phrase: line.to_owned(),
                category,
                weight,
            });
        }
    }
    out
}

/// Complaint rules (rule book §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default, remote = "Self")]
pub struct ComplaintsPolicy {
    /// Start from kefu's built-in lexicon (2,581 entries: phrases, aspects, opinions, degree and neutral words).
    pub builtin_lexicon: bool,
    /// The shop's own phrases (a phrase already in the lexicon takes the new category/weight).
    pub add_phrases: Vec<Phrase>,
    /// Built-in phrases the shop does not want.
    pub remove_phrases: Vec<String>,
    /// Longest text read, in characters; longer text is an input error, not a slow call.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 1_000_000)))]
    pub max_text_chars: Count,
    /// A loss at or above this is great material harm (serious).
    pub serious_loss_cents: Cents,
    /// This many earlier complaints about the matter make it serious.
    pub repeat_complaints_serious: Count,
    /// Anger, publicity or extreme cues weighing this much in total show the customer is angry.
    pub serious_cue_weight: Count,
    /// kefu's own third tier for health, safety, legal or regulator escalation.
    pub critical_tier: bool,
    /// Coupon offered with the apology for a service lapse (seed 003's 20 yuan); 0: none.
    pub service_lapse_coupon_cents: Cents,
}

impl Default for ComplaintsPolicy {
    fn default() -> Self {
        ComplaintsPolicy {
            builtin_lexicon: true,
            add_phrases: Vec::new(),
            remove_phrases: Vec::new(),
            max_text_chars: Count(20_000),
            serious_loss_cents: Cents(100_000),
            repeat_complaints_serious: Count(2),
            serious_cue_weight: Count(2),
            critical_tier: true,
            service_lapse_coupon_cents: Cents(2000),
        }
    }
}

impl ComplaintsPolicy {
    /// Problems the types do not catch.
    pub(crate) fn check(&self, bad: &mut impl FnMut(&str, String)) {
        if !(1..=1_000_000).contains(&self.max_text_chars.0) {
            bad(
                "/complaints/max_text_chars",
                String::from("must be 1 to 1000000"),
            );
        }
        if self.add_phrases.len() > 5000 {
            bad(
                "/complaints/add_phrases",
                String::from("at most 5000 phrases"),
            );
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, p) in self.add_phrases.iter().enumerate() {
            let n = p.phrase.trim().chars().count();
            if n == 0 || n > 32 {
                bad(
                    &format!("/complaints/add_phrases/{i}/phrase"),
                    format!("must have 1 to 32 characters, has {n}"),
                );
            } else if !seen.insert(reader::fold_str(p.phrase.trim())) {
                bad(
                    &format!("/complaints/add_phrases/{i}/phrase"),
                    String::from("listed twice"),
                );
            }
            if !(1..=3).contains(&p.weight) {
                bad(
                    &format!("/complaints/add_phrases/{i}/weight"),
                    String::from("must be 1, 2 or 3"),
                );
            }
        }
        for (i, p) in self.remove_phrases.iter().enumerate() {
            if p.trim().is_empty() {
                bad(
                    &format!("/complaints/remove_phrases/{i}"),
                    String::from("must not be empty"),
                );
            }
        }
        if self.serious_cue_weight.0 == 0 || self.serious_cue_weight.0 > 100 {
            bad(
                "/complaints/serious_cue_weight",
                String::from("must be 1 to 100"),
            );
        }
        if self.repeat_complaints_serious.0 == 0 {
            bad(
                "/complaints/repeat_complaints_serious",
                String::from("must be at least 1"),
            );
        }
    }

    /// The compiled effective lexicon; the built-in one is compiled once per process and
    /// shared by every engine that does not change it.
    pub fn compiled_lexicon(&self) -> Arc<Lexicon> {
        static BUILTIN: OnceLock<Arc<Lexicon>> = OnceLock::new();
        if self.builtin_lexicon && self.add_phrases.is_empty() && self.remove_phrases.is_empty() {
            return Arc::clone(BUILTIN.get_or_init(|| Arc::new(self.lexicon())));
        }
        Arc::new(self.lexicon())
    }

    /// The effective lexicon: built-in phrases (unless switched off) without the removed
    /// ones, then the shop's (replacing a built-in phrase of the same folded text).
    pub fn lexicon(&self) -> Lexicon {
        // Filled by insertion: collecting into a set sorts, and a sort of strings costs the
        // wasm build 3 KB.
        let mut removed = std::collections::BTreeSet::new();
        for p in &self.remove_phrases {
            removed.insert(reader::fold_str(p.trim()));
        }
        // A shop's phrase is matched as validated: without the spaces, tabs, line ends or
        // ideographic spaces (U+3000) around it (" 垃圾店\n" is 垃圾店; issue 18 item 7).
        let own: Vec<Phrase> = self
            .add_phrases
            .iter()
            .map(|p| Phrase {
                phrase: p.phrase.trim().to_owned(),
                ..p.clone()
            })
            .collect();
        let mut added = std::collections::BTreeSet::new();
        for p in &own {
            added.insert(reader::fold_str(&p.phrase));
        }
        let builtin: &[Phrase] = if self.builtin_lexicon {
            builtin_phrases()
        } else {
            &[]
        };
        let phrases = builtin
            .iter()
            .filter(|p| {
                let f = reader::fold_str(&p.phrase);
                !removed.contains(&f) && !added.contains(&f)
            })
            .chain(own.iter())
            .cloned()
            .collect();
        Lexicon::with_removed(phrases, removed.into_iter().collect())
    }
}

/// How the complaint arrived (seed 004 §四.1: phone, email, online chat, social media).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Phone.
    Phone,
    /// Online chat (旺旺, 咚咚).
    Chat,
    /// Email.
    Email,
    /// Social media.
    SocialMedia,
    /// In person.
    InPerson,
}

/// Harm the complainant suffered, as an agent judges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Harm {
    /// None.
    None,
    /// Material (money, goods, time).
    Material,
    /// Physical (injury, illness).
    Physical,
    /// Mental (distress).
    Mental,
}

/// A `classify_complaint` request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, remote = "Self")]
pub struct Complaint {
    /// The caller's own key for this request (a row number, a ticket number), echoed in the
    /// decision as it is: decisions join back to their rows by it, not by position.
    #[serde(default)]
    pub id: Option<crate::num::Id>,
    /// The order this is about, echoed in the decision.
    #[serde(default)]
    pub order_id: Option<crate::num::Id>,
    /// The complaint as the customer wrote or said it.
    #[serde(default)]
    pub text: Option<String>,
    /// How it arrived.
    pub channel: Channel,
    /// When it arrived (the reply deadline counts from here).
    pub received_at: Instant,
    /// The customer's loss.
    #[serde(default)]
    pub loss_cents: Option<Cents>,
    /// The order's amount.
    #[serde(default)]
    pub order_amount_cents: Option<Cents>,
    /// Harm suffered.
    #[serde(default)]
    pub harm: Option<Harm>,
    /// The customer threatens publicity (reviews, posts, media).
    #[serde(default)]
    pub threatens_publicity: bool,
    /// The customer threatens legal action.
    #[serde(default)]
    pub threatens_legal_action: bool,
    /// The customer threatens a regulator complaint (12315, 市场监管局).
    #[serde(default)]
    pub threatens_regulator: bool,
    /// Earlier complaints about the same matter.
    #[serde(default)]
    pub previous_complaints: Count,
    /// A health or safety issue is involved.
    #[serde(default)]
    pub health_or_safety: bool,
}

crate::object_only!(ComplaintsPolicy, Complaint);

/// How serious (seed 002 §三; `critical` is kefu's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// 一般投诉.
    General,
    /// 严重投诉.
    Serious,
    /// kefu's own tier: health and safety, legal or regulator escalation.
    Critical,
}

/// The complaint's behaviour type (seed 002 §三).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Behaviour {
    /// 消极抱怨型.
    PassiveGrumbling,
    /// 负面宣传型.
    NegativePublicity,
    /// 愤怒发泄型.
    VentingAnger,
    /// 极端激进型.
    ExtremeRadical,
}

/// The complaint's cause (seed 002 §三).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// 产品质量投诉.
    ProductQuality,
    /// 服务投诉.
    Service,
    /// 价格投诉.
    Price,
    /// 诚信投诉.
    Integrity,
}

/// Who owns it (seed 004 §三).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// 客服专员: answers and records.
    Specialist,
    /// 客服主管: coordinates complex problems.
    Supervisor,
    /// 客服经理: owns the whole.
    Manager,
}

/// One handling step (seed 002 §四).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Step {
    /// Stable id.
    pub id: &'static str,
    /// The seed's words.
    pub text: &'static str,
    /// In English.
    pub text_en: &'static str,
}

/// The decision of `classify_complaint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ComplaintDecision {
    /// The request's `id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<crate::num::Id>,
    /// The request's `order_id`, echoed (left out when the request has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<crate::num::Id>,
    /// How serious.
    pub severity: Severity,
    /// What kind.
    pub behaviour: Behaviour,
    /// Why (in the seed's order; empty when neither text nor facts tell).
    pub causes: Vec<Cause>,
    /// Every phrase that counted, in text order: the first [`MAX_CUES_SHOWN`] of them.
    pub cues: Vec<Cue>,
    /// Phrases found but negated ("不是质量问题"): shown, not counted; the first
    /// [`MAX_CUES_SHOWN`].
    pub negated: Vec<Cue>,
    /// How many cues and negated phrases were found but not listed (beyond the first
    /// [`MAX_CUES_SHOWN`] of each). All of them counted in the decision; 0 for any real
    /// complaint.
    pub cues_not_shown: u32,
    /// Who owns it.
    pub owner: Owner,
    /// How it arrived.
    pub channel: Channel,
    /// Reply by (the `sla` standard `complaint_reply`: half a working day by default).
    pub reply_due_at: String,
    /// Handling steps (seed 002 §四).
    pub steps: Vec<Step>,
    /// A suggested opening in the seed's register.
    pub opening: String,
    /// The same in English.
    pub opening_en: String,
    /// The coupon offered in the opening, if any.
    pub coupon_cents: Option<i64>,
    /// Why.
    pub reasons: Vec<Reason>,
    /// The policy that decided.
    pub policy: Arc<PolicyRef>,
}

crate::reason::rules! {
    GENERAL = "COMPLAINT_GENERAL", "complaints.severity", "seed 002 §三（一般投诉：内容、性质比较轻微，没有造成大的损害）",
        "No sign of great harm, anger or escalation: a general complaint.";
    SERIOUS_ANGER = "SERIOUS_CUSTOMER_ANGRY", "complaints.severity", "seed 002 §三（严重投诉：……引起投诉人愤怒）",
        "The customer's words show anger, publicity threats or radical talk: serious.";
    SERIOUS_LOSS = "SERIOUS_MATERIAL_LOSS", "complaints.severity", "seed 002 §三（严重投诉：……较大的物质……伤害）",
        "A loss at or above the policy's threshold: serious.";
    SERIOUS_HARM = "SERIOUS_HARM", "complaints.severity", "seed 002 §三（严重投诉：……较大的物质或精神上的伤害）",
        "Great material or mental harm (a fact, or in the customer's words): serious.";
    SERIOUS_REPEAT = "SERIOUS_REPEAT_COMPLAINT", "complaints.severity", "kefu: a matter complained of again is not slight (seed 002 §四 持续反馈)",
        "Complained of before, as often as the policy's threshold: serious.";
    CRITICAL_SAFETY = "CRITICAL_HEALTH_SAFETY", "complaints.critical", "kefu's own tier, not seed 002; ISO 10002 (health and safety complaints at once)",
        "A health or safety issue: kefu's critical tier.";
    CRITICAL_LEGAL = "CRITICAL_LEGAL_ACTION", "complaints.critical", "kefu's own tier, not seed 002",
        "A threat of legal action: kefu's critical tier.";
    CRITICAL_REGULATOR = "CRITICAL_REGULATOR", "complaints.critical", "kefu's own tier, not seed 002 (12315 / 市场监管)",
        "A threat of a regulator complaint: kefu's critical tier.";
    GRUMBLING = "BEHAVIOUR_PASSIVE_GRUMBLING", "complaints.behaviour", "seed 002 §三（消极抱怨型投诉）",
        "No publicity, anger or radical talk: passive grumbling.";
    PUBLICITY = "BEHAVIOUR_NEGATIVE_PUBLICITY", "complaints.behaviour", "seed 002 §三（负面宣传型投诉）",
        "Threatens bad reviews, posts or media: negative publicity.";
    ANGER = "BEHAVIOUR_VENTING_ANGER", "complaints.behaviour", "seed 002 §三（愤怒发泄型投诉）",
        "Anger, abuse or sarcasm: venting anger.";
    EXTREME = "BEHAVIOUR_EXTREME_RADICAL", "complaints.behaviour", "seed 002 §三（极端激进型投诉）",
        "Threats of law, regulators, or radical action: extreme.";
    QUALITY = "CAUSE_PRODUCT_QUALITY", "complaints.cause", "seed 002 §三（产品质量投诉）",
        "The product is faulty.";
    SERVICE = "CAUSE_SERVICE", "complaints.cause", "seed 002 §三（服务投诉）",
        "The service failed (attitude, replies, shipping).";
    PRICE = "CAUSE_PRICE", "complaints.cause", "seed 002 §三（价格投诉）",
        "The price (drops, overcharges, differences, fees).";
    INTEGRITY = "CAUSE_INTEGRITY", "complaints.cause", "seed 002 §三（诚信投诉）",
        "Honesty (fakes, false descriptions, broken promises).";
    CAUSE_UNCLEAR = "CAUSE_UNCLEAR", "complaints.cause", "seed 002 §四（询问事实，分析原因）",
        "Neither the words nor the facts show a cause: ask for the facts.";
    OWNER = "COMPLAINT_OWNER", "complaints.owner", "seed 004 §三（客服专员、客服主管、客服经理）",
        "Who owns it: specialist (general), supervisor (serious), manager (critical).";
    REPLY_DUE = "COMPLAINT_REPLY_DUE", "complaints.reply", "seed 000 §三（需在半个工作日内做出答复）",
        "Reply by the sla standard complaint_reply (half a working day).";
    COUPON = "SERVICE_LAPSE_COUPON", "complaints.opening", "seed 003 任务三 常用话术(2)（特别帮您申请一张20元优惠券）",
        "A service lapse: the apology comes with the policy's coupon.";
}

/// Cues that say what is wrong.
fn is_complaint(c: Category) -> bool {
    matches!(
        c,
        Category::Quality
            | Category::Service
            | Category::Price
            | Category::Integrity
            | Category::Grumble
    )
}

/// Cues that raise severity or say what kind of complaint it is, but not what is wrong (law
/// and regulators excepted: they stand alone).
fn is_escalation(c: Category) -> bool {
    matches!(
        c,
        Category::Anger
            | Category::Harm
            | Category::Safety
            | Category::Publicity
            | Category::Extreme
    )
}

/// Seed 002 §四, in order: (id, text, English).
const STEPS: [(&str, &str, &str); 7] = [
    (
        "respond_fast",
        "快速反应，以诚相待",
        "Respond fast and sincerely",
    ),
    (
        "gather_facts",
        "询问事实，分析原因",
        "Ask for the facts and analyse the cause",
    ),
    (
        "take_responsibility",
        "明确身份，承担责任",
        "Say who you are and take responsibility",
    ),
    (
        "no_early_conclusion",
        "切忌在掌握所有信息之前妄下结论",
        "Do not conclude before all the facts are in",
    ),
    (
        "offer_value",
        "提供超值回报",
        "Offer more than the loss where it is due",
    ),
    (
        "find_solution",
        "判断客户类型，寻找解决方案",
        "Judge the customer type and find a solution",
    ),
    (
        "follow_up",
        "强化过程管理，持续投诉反馈：对投诉进行持续的反馈、追踪和回应",
        "Keep feedback, tracking and replies going until closed",
    ),
];

/// What the policy compiled for complaints: the lexicon's automaton.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The effective lexicon.
    pub lexicon: Arc<Lexicon>,
}

/// Decide `classify_complaint`.
/// Most cues (and, apart, most negated phrases) a decision lists. A text of repeated
/// complaint words within `max_text_chars` (a million 垃圾) would otherwise answer with half a
/// million cues: 75 MB of JSON and most of a gigabyte of memory (issue 18 item 14). The text
/// is not what is bounded: every cue still counts; the answer says how many it leaves out.
pub const MAX_CUES_SHOWN: usize = 100;

/// Most phrases a reason quotes, each once.
const MAX_QUOTED: usize = 10;

pub(crate) fn decide(
    policy: &ComplaintsPolicy,
    compiled: &Compiled,
    reply: &Standard,
    calendar: &Days<'_>,
    policy_ref: &Arc<PolicyRef>,
    c: &Complaint,
) -> Result<ComplaintDecision> {
    let text = c.text.as_deref().unwrap_or_default();
    let limit = policy.max_text_chars.0 as usize;
    if text.chars().nth(limit).is_some() {
        return Err(Error::invalid_input(
            "/text",
            format!("the text is longer than the policy's {limit} characters"),
        )
        .with_zh(format!("投诉内容超过了店铺策略规定的{limit}个字符")));
    }
    let reading = compiled.lexicon.reading(text);
    let (mut cues, negated) = (reading.counted, reading.negated);
    // A loss written in the words, at or above the policy's threshold, is great material harm
    // as a structured loss_cents is; it is a cue with its span like any other.
    let written_loss = money::written_losses(text, policy.serious_loss_cents.0);
    for q in &written_loss {
        let at = cues.partition_point(|c| c.start <= q.start);
        cues.insert(at, q.clone());
    }
    // Words of anger, harm, safety or publicity in a text that praises more than it complains
    // are a story's or a passing remark's, not the customer's escalation (a novel's 受伤, a
    // parenting book's 生气): they do not count. Threats of law or a regulator are explicit
    // enough to stand alone.
    let complaints = cues.iter().filter(|q| is_complaint(q.category)).count();
    // A text that praises more than it complains is a review, not an escalation; in one that
    // praises at all, an escalation word counts only in a sentence that complains (a story's
    // 愤怒 in a warm book review is not the customer's).
    if reading.praise > 0 && reading.praise <= complaints {
        // The sentence of every character, counted once (linear in the text).
        let mut sentence = Vec::with_capacity(text.len());
        let mut n = 0u32;
        for c in text.chars() {
            sentence.push(n);
            if matches!(c, '。' | '！' | '？' | '!' | '?' | '\n') {
                n += 1;
            }
        }
        let complaining: std::collections::BTreeSet<u32> = cues
            .iter()
            .filter(|q| is_complaint(q.category))
            .filter_map(|q| sentence.get(q.start).copied())
            .collect();
        cues.retain(|q| {
            !is_escalation(q.category)
                || sentence
                    .get(q.start)
                    .is_some_and(|s| complaining.contains(s))
        });
    }
    if reading.praise > complaints {
        cues.retain(|q| !is_escalation(q.category));
    }
    let weight = |cats: &[Category]| -> u32 {
        cues.iter()
            .filter(|q| cats.contains(&q.category))
            .map(|q| u32::from(q.weight))
            .sum()
    };
    let has = |cat: Category| cues.iter().any(|q| q.category == cat);
    let mut reasons = Vec::new();

    // Behaviour: the most escalated type present wins.
    let legal = c.threatens_legal_action || has(Category::Legal);
    let regulator = c.threatens_regulator || has(Category::Regulator);
    let publicity = c.threatens_publicity || has(Category::Publicity);
    let extreme = legal || regulator || has(Category::Extreme);
    let anger = has(Category::Anger);
    let behaviour = if extreme {
        Behaviour::ExtremeRadical
    } else if publicity {
        Behaviour::NegativePublicity
    } else if anger {
        Behaviour::VentingAnger
    } else {
        Behaviour::PassiveGrumbling
    };

    // Causes, in the seed's order.
    let causes: Vec<Cause> = [
        (
            Category::Quality,
            Cause::ProductQuality,
            &QUALITY,
            "产品质量",
        ),
        (Category::Service, Cause::Service, &SERVICE, "服务"),
        (Category::Price, Cause::Price, &PRICE, "价格"),
        (Category::Integrity, Cause::Integrity, &INTEGRITY, "诚信"),
    ]
    .into_iter()
    // A health or safety problem with a product is a quality complaint too.
    .filter(|(cat, _, _, _)| has(*cat) || (*cat == Category::Quality && has(Category::Safety)))
    .map(|(cat, cause, rule, zh)| {
        let words = quoted(&cues, cat);
        let summary = rule.summary.trim_end_matches('.');
        reasons.push(if words.is_empty() {
            rule.says(format!("{zh}投诉。"), format!("{summary}."))
        } else {
            rule.says(format!("{zh}投诉：{words}"), format!("{summary}: {words}"))
        });
        cause
    })
    .collect();
    let mut causes = causes;
    // Disappointment with nothing named ("大失所望", "不会再来了"): what was bought let the
    // customer down, a product-quality complaint until the facts say otherwise.
    let disappointed = cues
        .iter()
        .any(|q| q.category == Category::Grumble && q.weight >= 2);
    if causes.is_empty() && disappointed {
        reasons.push(QUALITY.says(
            format!(
                "产品质量投诉（未说明具体原因，按所购商品本身处理，请询问事实）：{}",
                quoted(&cues, Category::Grumble)
            ),
            format!(
                "The product let the customer down, no cause named (ask for the facts): {}",
                quoted(&cues, Category::Grumble)
            ),
        ));
        causes.push(Cause::ProductQuality);
    }
    if causes.is_empty() {
        reasons.push(CAUSE_UNCLEAR.says(
            "未能判断投诉原因，请询问事实、分析原因。",
            "No cause shows in the words or facts: ask for the facts.",
        ));
    }

    // Severity.
    let safety = c.health_or_safety || c.harm == Some(Harm::Physical) || has(Category::Safety);
    let escalations: [(bool, &'static Rule, Category, &str, &str); 3] = [
        (
            safety,
            &CRITICAL_SAFETY,
            Category::Safety,
            "涉及健康或人身安全",
            "Health or safety is involved: handle at once",
        ),
        (
            legal,
            &CRITICAL_LEGAL,
            Category::Legal,
            "客户表示将采取法律行动",
            "The customer threatens legal action",
        ),
        (
            regulator,
            &CRITICAL_REGULATOR,
            Category::Regulator,
            "客户表示将向监管部门投诉",
            "The customer threatens a regulator complaint",
        ),
    ];
    let critical: Vec<Reason> = escalations
        .into_iter()
        .filter(|(on, ..)| *on && policy.critical_tier)
        .map(|(_, rule, cat, zh, en)| {
            rule.says(
                format!(
                    "{zh}{}：立即处理（kefu 自设等级，非 seed 002）。",
                    quoted_or_fact(&cues, cat)
                ),
                format!("{en} (kefu's own tier, not the seed's)."),
            )
        })
        .collect();
    let mut serious = Vec::new();
    let heat = weight(&[Category::Anger, Category::Publicity, Category::Extreme]);
    // A threat of exposure (weight 3: 曝光, 差评) or radical talk makes it serious; advice
    // to others (千万别买) weighs in with anger but says what kind of complaint it is, not how
    // serious (seed 002: serious is great harm that angers).
    let threat = cues
        .iter()
        .any(|q| q.category == Category::Publicity && q.weight >= 3);
    if heat >= policy.serious_cue_weight.0 || threat || c.threatens_publicity || extreme {
        serious.push(SERIOUS_ANGER.says(
            "客户情绪激动或扬言曝光、采取激烈行动：按严重投诉处理。",
            "The customer is angry, or threatens publicity or radical action: serious.",
        ));
    }
    if let Some(q) = cues
        .iter()
        .find(|q| q.phrase.starts_with(money::WRITTEN_LOSS))
    {
        serious.push(SERIOUS_LOSS.says(
            format!("客户提到损失：{}，达到严重投诉标准。", q.text),
            format!("The customer writes of a loss ({}): serious.", q.text),
        ));
    }
    if let Some(loss) = c.loss_cents.filter(|l| *l >= policy.serious_loss_cents) {
        serious.push(SERIOUS_LOSS.says(
            format!("客户损失{}元，达到严重投诉标准。", yuan(loss.0)),
            format!("A loss of {} yuan: serious.", yuan(loss.0)),
        ));
    }
    // A loss beyond the order's amount is harm past the goods themselves (missed events, damage).
    let beyond_order = matches!((c.loss_cents, c.order_amount_cents), (Some(l), Some(o)) if l > o);
    if matches!(c.harm, Some(Harm::Mental | Harm::Physical))
        || beyond_order
        || cues
            .iter()
            .filter(|q| q.category == Category::Harm && !q.phrase.starts_with(money::WRITTEN_LOSS))
            .map(|q| u32::from(q.weight))
            .sum::<u32>()
            >= 2
    {
        serious.push(SERIOUS_HARM.says(
            "客户受到较大的物质或精神伤害。",
            "Great material or mental harm.",
        ));
    }
    if c.previous_complaints >= policy.repeat_complaints_serious {
        serious.push(SERIOUS_REPEAT.says(
            format!("客户已就此投诉{}次。", c.previous_complaints.0),
            format!("Complained of {} times before.", c.previous_complaints.0),
        ));
    }
    let severity = if !critical.is_empty() {
        Severity::Critical
    } else if !serious.is_empty() || (!policy.critical_tier && (safety || legal || regulator)) {
        Severity::Serious
    } else {
        Severity::General
    };
    let mut head = match severity {
        Severity::Critical => critical,
        Severity::Serious if serious.is_empty() => vec![SERIOUS_ANGER.says(
            "涉及健康安全或法律、监管升级：按严重投诉处理。",
            "Health, safety, legal or regulator escalation: serious.",
        )],
        Severity::Serious => serious,
        Severity::General => vec![GENERAL.says(
            "投诉内容较轻微，未造成大的损害：一般投诉。",
            "Slight, no great harm: a general complaint.",
        )],
    };
    head.push(match behaviour {
        Behaviour::ExtremeRadical => EXTREME.says("极端激进型投诉。", "Extreme or radical."),
        Behaviour::NegativePublicity => PUBLICITY.says("负面宣传型投诉。", "Negative publicity."),
        Behaviour::VentingAnger => ANGER.says("愤怒发泄型投诉。", "Venting anger."),
        Behaviour::PassiveGrumbling => GRUMBLING.says("消极抱怨型投诉。", "Passive grumbling."),
    });
    head.append(&mut reasons);
    let mut reasons = head;

    let owner = match severity {
        Severity::General => Owner::Specialist,
        Severity::Serious => Owner::Supervisor,
        Severity::Critical => Owner::Manager,
    };
    let (owner_zh, owner_en) = match owner {
        Owner::Specialist => ("客服专员答复并记录", "a specialist answers and records it"),
        Owner::Supervisor => ("客服主管协调处理", "a supervisor coordinates it"),
        Owner::Manager => ("客服经理负责", "the manager owns it"),
    };
    reasons.push(OWNER.says(format!("{owner_zh}。"), format!("Owner: {owner_en}.")));
    let due = reply
        .due(c.received_at, calendar)
        .map_err(|e| e.needed_for("the reply deadline", "答复期限", "/received_at"))?
        .format_in(calendar.tz());
    let (span_zh, span_en) = reply.describe();
    reasons.push(REPLY_DUE.says(
        format!("须在{span_zh}内答复：{due}前。"),
        format!("Reply within {span_en}: by {due}."),
    ));

    let coupon = (causes.contains(&Cause::Service)
        && severity != Severity::Critical
        && policy.service_lapse_coupon_cents.0 > 0)
        .then_some(policy.service_lapse_coupon_cents.0);
    let (opening, opening_en) = match (severity, coupon) {
        (Severity::Critical, _) => (
            String::from("您好，非常抱歉！您反映的问题我们非常重视，我是客服经理，现在就为您处理，请您先告诉我具体情况，我们会负责到底。"),
            String::from("We are very sorry. We take this very seriously; I am the customer-service manager and will handle it now. Please tell me what happened; we will see it through."),
        ),
        (_, Some(c)) => {
            reasons.push(COUPON.says(
                format!("服务失误：道歉并申请{}元优惠券。", yuan(c)),
                format!("A service lapse: apologise and offer a {} yuan coupon.", yuan(c)),
            ));
            (
                format!("非常抱歉因我们工作没有做到位，给您带来了不便，针对这次问题特别帮您申请一张{}元优惠券无条件使用哦，您看好吗？", yuan(c)),
                format!("We are very sorry we fell short. For the trouble, we have requested a {} yuan coupon for you, with no conditions. Would that be all right?", yuan(c)),
            )
        }
        _ => (
            String::from("亲，非常抱歉给您带来不好的体验，我是客服专员，请您详细说说情况，我们一定尽快给您满意的答复。"),
            String::from("We are sorry for the bad experience. Please tell us what happened; we will get back to you with a solution quickly."),
        ),
    };
    let offer = c.loss_cents.is_some_and(|l| l.0 > 0)
        || causes
            .iter()
            .any(|x| matches!(x, Cause::ProductQuality | Cause::Integrity | Cause::Price));
    let steps = STEPS
        .iter()
        .filter(|(id, _, _)| *id != "offer_value" || offer)
        .map(|&(id, text, text_en)| Step { id, text, text_en })
        .collect();
    let (mut cues, mut negated) = (cues, negated);
    let not_shown =
        cues.len().saturating_sub(MAX_CUES_SHOWN) + negated.len().saturating_sub(MAX_CUES_SHOWN);
    cues.truncate(MAX_CUES_SHOWN);
    negated.truncate(MAX_CUES_SHOWN);
    Ok(ComplaintDecision {
        id: None,
        order_id: None,
        severity,
        behaviour,
        causes,
        cues,
        negated,
        cues_not_shown: u32::try_from(not_shown).unwrap_or(u32::MAX),
        owner,
        channel: c.channel,
        reply_due_at: due,
        steps,
        opening,
        opening_en,
        coupon_cents: coupon,
        reasons,
        policy: Arc::clone(policy_ref),
    })
}

/// The cues of one category, quoted: 「质量太差」「坏了」.
fn quoted(cues: &[Cue], cat: Category) -> String {
    let safety_as_quality = cat == Category::Quality && !cues.iter().any(|q| q.category == cat);
    let mut seen: Vec<&str> = Vec::new();
    for q in cues
        .iter()
        .filter(|q| q.category == cat || (safety_as_quality && q.category == Category::Safety))
    {
        if !seen.contains(&q.text.as_str()) {
            seen.push(&q.text);
            if seen.len() == MAX_QUOTED {
                break;
            }
        }
    }
    seen.iter().map(|t| format!("「{t}」")).collect()
}

fn quoted_or_fact(cues: &[Cue], cat: Category) -> String {
    let q = quoted(cues, cat);
    if q.is_empty() {
        q
    } else {
        format!("（{q}）")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lexicon_reads_whole_and_covers_every_category() {
        let phrases = builtin_phrases();
        assert!(phrases.len() >= 200, "{} phrases", phrases.len());
        // Every phrase line was read, and under a group kefu knows.
        let lines = BUILTIN_LEXICON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        let (groups, words): (Vec<&str>, Vec<&str>) = lines.partition(|l| l.starts_with("== "));
        assert_eq!(words.len(), phrases.len());
        for g in groups {
            assert_eq!(parse_lexicon(&format!("{g}\nx")).len(), 1, "{g}");
        }
        let folded: std::collections::BTreeSet<String> = phrases
            .iter()
            .map(|p| reader::fold_str(&p.phrase))
            .collect();
        assert_eq!(folded.len(), phrases.len(), "a phrase is listed twice");
        let categories: std::collections::BTreeSet<Category> =
            phrases.iter().map(|p| p.category).collect();
        assert_eq!(categories.len(), 20);
        assert!(phrases
            .iter()
            .all(|p| (1..=3).contains(&p.weight) && p.phrase.trim() == p.phrase));
        // The built-in lexicon is a valid shop lexicon too.
        let as_policy = ComplaintsPolicy {
            builtin_lexicon: false,
            add_phrases: phrases.to_vec(),
            ..ComplaintsPolicy::default()
        };
        let mut problems = Vec::new();
        as_policy.check(&mut |path: &str, m: String| problems.push(format!("{path}: {m}")));
        assert!(problems.is_empty(), "{problems:?}");
    }
}
