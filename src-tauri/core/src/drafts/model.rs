//! The shapes drafts, findings and templates take when they cross to the UI and the CLI.

use crate::cases::Cause;
use crate::common::string_enum;
pub use crate::common::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// Where a draft will be used: the public reply under the review (read by the next
    /// buyers), the private message to the buyer, or the script for a phone call.
    Channel {
        Public = "public",
        Private = "private",
        Phone = "phone",
    }
);

string_enum!(
    /// How much a finding matters. `blocking`: do not send as is (compliance, personal
    /// data in public, over the platform's limit). `warning`: weakens the reply.
    /// `info`: a suggestion.
    Severity {
        Info = "info",
        Warning = "warning",
        Blocking = "blocking",
    }
);

string_enum!(
    /// Where a template comes from: `builtin` shipped and unchanged, `edited` shipped
    /// with text changed by the owner (can be reset), `owner` written by the owner.
    TemplateSource {
        Builtin = "builtin",
        Edited = "edited",
        Owner = "owner",
    }
);

/// A stretch of the checked text, in UTF-16 code units (what JavaScript's `slice` and
/// text-area selections count), so the UI can underline it directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

string_enum!(
    /// What a part of a finding is. A review incentive has a `benefit`, a `condition` and a
    /// `review_action`; blame names the `buyer` and the `accusation`; the owner's hardship
    /// names the `hardship` and the `appeal` to the buyer.
    PartRole {
        Benefit = "benefit",
        Condition = "condition",
        ReviewAction = "review_action",
        Buyer = "buyer",
        Accusation = "accusation",
        Hardship = "hardship",
        Appeal = "appeal",
    }
);

/// One part of a finding, with its own place in the text so the UI can mark each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FindingPart {
    pub role: PartRole,
    pub span: Span,
    pub excerpt: String,
}

/// One thing the checker noticed, explained in plain words in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub severity: Severity,
    /// Stable dotted code, e.g. `compliance.review_incentive`, `structure.missing_remedy`.
    pub code: String,
    pub message_zh: String,
    pub message_en: String,
    /// Where in the text; `null` for something missing from the whole text.
    pub span: Option<Span>,
    /// The words the finding is about (empty when `span` is null).
    pub excerpt: String,
    /// The pieces the finding is built from, in text order (empty for single-word findings).
    pub parts: Vec<FindingPart>,
    /// The rule the finding rests on where the shop sells ("《电子商务法》第十七条…",
    /// "FTC rule on consumer reviews, 16 CFR Part 465"); empty when no rule is cited.
    pub rule_zh: String,
    pub rule_en: String,
}

string_enum!(
    /// Where the problem a draft names comes from: a phrase of the problem catalogue
    /// matched in the review (`catalogue`), the review's own words (`review`), or, when
    /// the review names nothing usable, the general phrase of the cause (`cause`).
    ProblemSource {
        Catalogue = "catalogue",
        Review = "review",
        Cause = "cause",
    }
);

/// The buyer's problem as a draft names it, and where in the review it was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProblemNote {
    /// The words the draft uses.
    pub phrase: String,
    pub source: ProblemSource,
    /// The review's words it was read from (empty for `cause`).
    pub excerpt: String,
    /// Where those words are, in UTF-16 code units of `review_text`, or of
    /// `follow_up_text` when `in_follow_up`; `null` for `cause`.
    pub span: Option<Span>,
    pub in_follow_up: bool,
    /// The kind of remedy the problem calls for when it is not the cause's usual one
    /// (a rude courier calls for an apology and a commitment, not new goods).
    pub fit: Option<crate::problems::Fit>,
}

/// A ready-to-copy draft for one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Draft {
    pub channel: Channel,
    pub lang: Lang,
    /// Which variant this is; pass `variant + 1` as the seed for "another version".
    pub variant: u32,
    /// How many variants exist for this case's cause, channel and language.
    pub variants: u32,
    /// The template the text came from (`quality.public.zh.2`, `owner.17`).
    pub template_key: String,
    pub text: String,
    pub findings: Vec<Finding>,
    /// Length as the platform counts it (characters).
    pub chars: u32,
    /// The platform's limit for this channel, when it has one.
    pub cap: Option<u32>,
    /// The problem the draft names, and where it came from.
    pub problem: ProblemNote,
}

/// A template as the library screen lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateEntry {
    /// `cause.channel.lang.n` for built-ins, `owner.<id>` for the owner's own.
    pub key: String,
    pub cause: Cause,
    pub channel: Channel,
    pub lang: Lang,
    pub source: TemplateSource,
    pub enabled: bool,
    pub body: String,
    /// The shipped text, for built-ins (also when edited), to compare or reset.
    pub builtin_body: Option<String>,
}

/// Which templates to list; empty fields mean all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TemplateFilter {
    pub cause: Option<Cause>,
    pub channel: Option<Channel>,
    pub lang: Option<Lang>,
}

/// An owner's new template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewTemplate {
    pub cause: Cause,
    pub channel: Channel,
    pub lang: Lang,
    pub body: String,
}

/// A mistake in a template's text, for the editor to point at while the owner types.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateProblem {
    /// `template.unknown_variable`, `template.unclosed_brace`, `template.stray_brace`,
    /// `template.empty_variable`, `template.nested_brace`, `template.empty`.
    pub code: String,
    /// The offending variable name, when there is one.
    pub variable: Option<String>,
    /// UTF-16 offsets of the offending text.
    pub span: Span,
    /// 1-based line and column (in characters) for people.
    pub line: u32,
    pub column: u32,
    pub message_zh: String,
    pub message_en: String,
}

/// A variable templates may use, for the editor's help panel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TemplateVariable {
    pub name: String,
    pub description_zh: String,
    pub description_en: String,
}

/// The owner's sign-off lines; empty means the default built from the shop name.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DraftPrefs {
    pub signoff_zh: String,
    pub signoff_en: String,
}
