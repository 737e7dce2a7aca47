//! Why a decision came out as it did.
//!
//! docs/api.md "Every decision carries": `reasons`, each
//! `{code, message, message_en, rule, source}`. Codes are stable identifiers; every code kefu
//! can emit is a [`Rule`] constant listed in [`catalogue`], so docs and tests can enumerate
//! them.

use serde::Serialize;
use std::borrow::Cow;

/// A rule kefu applies: its stable reason code, its id in the rule book, and its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Rule {
    /// Stable UPPER_SNAKE code, e.g. `"RETURN_WINDOW_EXPIRED"`.
    pub code: &'static str,
    /// The rule's id, `capability.rule`, e.g. `"returns.window"`.
    pub rule: &'static str,
    /// Where the rule comes from: a seed section or a law article.
    pub source: &'static str,
    /// One line on when the code is given (English), for docs.
    pub summary: &'static str,
}

/// One reason in a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reason {
    /// Stable code (see [`Rule::code`]).
    pub code: &'static str,
    /// A Chinese sentence fit to show an agent.
    pub message: Cow<'static, str>,
    /// The same in English.
    pub message_en: Cow<'static, str>,
    /// The rule's id.
    pub rule: &'static str,
    /// The rule's source.
    pub source: &'static str,
}

impl Rule {
    /// This rule as a reason with the given Chinese and English messages.
    pub(crate) fn says(
        &'static self,
        message: impl Into<Cow<'static, str>>,
        message_en: impl Into<Cow<'static, str>>,
    ) -> Reason {
        Reason {
            code: self.code,
            message: message.into(),
            message_en: message_en.into(),
            rule: self.rule,
            source: self.source,
        }
    }
}

/// Declares a capability's rules as statics and lists them all in its `RULES`, so every code a
/// module can emit is also in [`catalogue`].
macro_rules! rules {
    ($($name:ident = $code:literal, $rule:literal, $source:expr, $summary:literal;)*) => {
        $(pub(crate) static $name: $crate::reason::Rule =
            $crate::reason::Rule { code: $code, rule: $rule, source: $source, summary: $summary };)*
        /// Every reason code of this module.
        pub(crate) static RULES: &[&$crate::reason::Rule] = &[$(&$name),*];
    };
}
pub(crate) use rules;

/// Every reason code kefu can emit, grouped by capability.
pub fn catalogue() -> Vec<&'static Rule> {
    let mut out = crate::returns::RULES.to_vec();
    out.extend(crate::orders::rules());
    out.extend(crate::refunds::RULES);
    out.extend(crate::sla::RULES);
    out.extend(crate::dispatch::RULES);
    out.extend(crate::complaints::RULES);
    out.extend(crate::calendar::RULES);
    out
}
