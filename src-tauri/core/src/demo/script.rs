//! The vocabulary the demo shop is written in: when something happened (relative to the
//! moment of loading, so the inbox always looks current), what happened, and by whom.

use crate::cases::{CaseStatus, Cause, Platform};
use chrono::{DateTime, Days, Duration, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;

/// A moment relative to the time of loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    /// This many minutes ago; for the last day, so SLA clocks are running.
    MinutesAgo(i64),
    /// A Beijing wall-clock time `days` calendar days back. Older activity happens at the
    /// hours people really write reviews and shops really call (lunch, evening).
    Day { days: u64, hour: u32, minute: u32 },
}

impl When {
    /// The instant meant, for a load at `now`. Beijing has no daylight saving, so every
    /// wall-clock time exists exactly once; the fallback only guards the type system.
    pub(crate) fn resolve(self, now: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            When::MinutesAgo(m) => now - Duration::minutes(m),
            When::Day { days, hour, minute } => now
                .with_timezone(&Shanghai)
                .date_naive()
                .checked_sub_days(Days::new(days))
                .and_then(|d| d.and_hms_opt(hour, minute, 0))
                .and_then(|n| Shanghai.from_local_datetime(&n).single())
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| now - Duration::days(days as i64)),
        }
    }
}

pub(crate) const fn mins(m: i64) -> When {
    When::MinutesAgo(m)
}

pub(crate) const fn hours(h: i64, m: i64) -> When {
    When::MinutesAgo(h * 60 + m)
}

pub(crate) const fn day(days: u64, hour: u32, minute: u32) -> When {
    When::Day { days, hour, minute }
}

/// Who wrote a history line. A small shop: the owner and one customer-service hire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    Owner,
    Staff,
    /// Follow-up reviews (追评) are the buyer's own words.
    Buyer,
}

impl Who {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Who::Owner => "店主",
            Who::Staff => "客服小周",
            Who::Buyer => "买家",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Act {
    Move(CaseStatus),
    Note,
    /// The buyer's 追评 / edited review arrived.
    FollowUp,
    /// The shop's public reply (评价解释) went up.
    Reply,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Step {
    pub at: When,
    pub act: Act,
    pub by: Who,
    pub text: &'static str,
}

pub(crate) const fn mv(at: When, to: CaseStatus, note: &'static str) -> Step {
    Step {
        at,
        act: Act::Move(to),
        by: Who::Owner,
        text: note,
    }
}

pub(crate) const fn note(at: When, text: &'static str) -> Step {
    Step {
        at,
        act: Act::Note,
        by: Who::Owner,
        text,
    }
}

/// A note by the customer-service hire, who does most first contacts.
pub(crate) const fn staff(at: When, text: &'static str) -> Step {
    Step {
        at,
        act: Act::Note,
        by: Who::Staff,
        text,
    }
}

pub(crate) const fn follow_up(at: When, text: &'static str) -> Step {
    Step {
        at,
        act: Act::FollowUp,
        by: Who::Buyer,
        text,
    }
}

pub(crate) const fn reply(at: When, text: &'static str) -> Step {
    Step {
        at,
        act: Act::Reply,
        by: Who::Owner,
        text,
    }
}

/// Order numbers as each platform prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    None,
    Fixed(&'static str),
    /// Pinduoduo numbers start with the order date (`YYMMDD-` + 15 digits), so the prefix
    /// is computed from the review time to stay believable whenever the demo is loaded.
    Pdd {
        days_before_review: u64,
        serial: &'static str,
    },
}

/// One case of the demo shop, with its story so far.
#[derive(Debug, Clone, Copy)]
pub(crate) struct DemoCase {
    /// Stable key; stored as the review id `demo-<key>` so a second load can skip it.
    pub key: &'static str,
    pub platform: Platform,
    /// The cause the story was written to illustrate. Triage labels the stored case on its
    /// own; this is what the table is checked against for coverage.
    #[cfg_attr(not(test), allow(dead_code))]
    pub intended: Cause,
    pub product: &'static str,
    pub nick: &'static str,
    pub phone: &'static str,
    pub order: Order,
    pub stars: u8,
    pub text: &'static str,
    pub photos: bool,
    pub value_cents: i64,
    pub at: When,
    pub steps: &'static [Step],
}

impl DemoCase {
    /// The status the story ends in; the tests check the loaded case against it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn final_status(&self) -> CaseStatus {
        self.steps
            .iter()
            .filter_map(|s| match s.act {
                Act::Move(to) => Some(to),
                _ => None,
            })
            .next_back()
            .unwrap_or(CaseStatus::New)
    }
}
