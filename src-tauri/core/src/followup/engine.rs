//! The reminder rules as one pure function of a case, its contact log, its commitments,
//! the rules and the time. No database, no clock, no local zone.

use super::contacts::{ContactAttempt, ContactChannel, ContactOutcome};
use super::reason::ReminderReason;
use super::rules::FollowupRules;
use super::windows::{next_window_start, resolve_local, window_at_or_after, CallWindow};
use crate::cases::{Case, CaseStatus, Cause, Commitment, CommitmentKind, Platform};
use crate::common::string_enum;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// What a reminder asks the owner to do.
    ReminderKind {
        FirstResponse = "first_response",
        FirstResponseWarning = "first_response_warning",
        Callback = "callback",
        EscalatePhone = "escalate_phone",
        CallLater = "call_later",
        CheckReviewUpdate = "check_review_update",
        Revisit = "revisit",
        PromiseDue = "promise_due",
        AppealDeadline = "appeal_deadline",
        ExplanationDeadline = "explanation_deadline",
    }
);

impl ReminderKind {
    /// Reminders that mean "phone the buyer".
    pub fn is_call(self) -> bool {
        matches!(
            self,
            ReminderKind::Callback | ReminderKind::EscalatePhone | ReminderKind::CallLater
        )
    }
}

/// One thing the owner should do at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Reminder {
    #[ts(type = "number")]
    pub case_id: i64,
    pub kind: ReminderKind,
    /// Tells apart several reminders of one kind on one case (e.g. `remedy:12`); empty
    /// for most kinds.
    pub subject: String,
    pub due: DateTime<Utc>,
    /// From then on the reminder counts as overdue (a call window's end, a deadline).
    pub late_at: DateTime<Utc>,
    /// After this it is moot and no longer shown nor fired (the warning before a
    /// deadline that has passed, an explanation field that has closed).
    pub expires_at: Option<DateTime<Utc>>,
    /// The buyer's zone the times were placed in.
    pub tz: String,
    /// For calls: the window the call is placed in.
    pub window: Option<CallWindow>,
    pub reason: ReminderReason,
    /// The case waits in the backlog: the reminder counts down inside the backlog's
    /// one Today item and never fires on its own.
    pub backlog: bool,
}

/// Everything about one case the rules look at.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    pub case: Case,
    /// Oldest first.
    pub contacts: Vec<ContactAttempt>,
    /// This case's open commitments from the remedies ledger.
    pub commitments: Vec<Commitment>,
    /// When the case was last moved to `resolved` (for the revisit).
    pub resolved_at: Option<DateTime<Utc>>,
    /// An appeal has been recorded for the case (in any state).
    pub has_appeal: bool,
}

/// A call-later is late an hour after the agreed time.
const CALL_LATER_GRACE: Duration = Duration::hours(1);
/// A promise shows as "due now" for an hour, then as overdue.
const PROMISE_GRACE: Duration = Duration::hours(1);
/// Checking a review or revisiting a buyer can wait a day before it is late.
const CHECK_GRACE: Duration = Duration::days(1);
/// With no call windows configured, a failed call is retried after this long.
const RETRY_WITHOUT_WINDOW: Duration = Duration::hours(1);

/// The reminders that apply to a case at `now`, sorted by due time.
pub fn reminders_for_case(
    facts: &CaseFacts,
    rules: &FollowupRules,
    now: DateTime<Utc>,
) -> Vec<Reminder> {
    plan_case(facts, rules)
        .into_iter()
        .filter(|r| r.expires_at.is_none_or(|e| e > now))
        .collect()
}

/// Every reminder the case's state implies, including those whose expiry has passed.
/// This does not depend on the time, which is what lets the store materialise it once
/// per change rather than once per clock tick.
pub fn plan_case(facts: &CaseFacts, rules: &FollowupRules) -> Vec<Reminder> {
    let case = &facts.case;
    let tz = rules.zone_for(case);
    let p = Planner {
        case_id: case.id,
        tz,
        tz_name: tz.name().to_string(),
        backlog: case.in_backlog(),
    };
    let mut out = Vec::new();
    let mut contacts: Vec<&ContactAttempt> = facts.contacts.iter().collect();
    contacts.sort_by_key(|c| (c.at, c.id));

    if case.status.is_open() {
        first_response(&p, case, &contacts, rules, &mut out);
        rhythm(&p, &contacts, rules, &mut out);
        agreed_update(&p, &contacts, &mut out);
        platform_appeal(&p, facts, rules, &mut out);
    }
    // A case sorted out of the backlog without ever being followed up (marked handled)
    // has nobody to revisit.
    let never_followed = case.backlog && case.followup_from.is_none() && contacts.is_empty();
    if case.status == CaseStatus::Resolved && !never_followed {
        if let Some(resolved) = facts.resolved_at {
            revisit(&p, resolved, &contacts, rules, &mut out);
        }
    }
    if case.status != CaseStatus::Closed {
        explanation(&p, case, rules, &mut out);
    }
    commitments(&p, &facts.commitments, rules, &mut out);
    out.sort_by(|a, b| (a.due, a.kind, &a.subject).cmp(&(b.due, b.kind, &b.subject)));
    out
}

struct Planner {
    case_id: i64,
    tz: Tz,
    tz_name: String,
    backlog: bool,
}

impl Planner {
    fn reminder(&self, kind: ReminderKind, due: DateTime<Utc>, reason: ReminderReason) -> Reminder {
        Reminder {
            case_id: self.case_id,
            kind,
            subject: String::new(),
            due,
            late_at: due,
            expires_at: None,
            tz: self.tz_name.clone(),
            window: None,
            reason,
            backlog: self.backlog,
        }
    }

    /// The same wall-clock time `days` later in the buyer's zone: "in two days" means
    /// the same hour for the buyer even across a DST switch.
    fn plus_days(&self, t: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        let local = t.with_timezone(&self.tz).naive_local() + Duration::days(i64::from(days));
        resolve_local(self.tz, local)
    }

    fn local_time(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    fn local_date(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz).format("%Y-%m-%d").to_string()
    }

    /// A call reminder placed in a window: due at `max(window start, earliest)`, late when
    /// the window closes.
    fn call_in_window(
        &self,
        kind: ReminderKind,
        earliest: DateTime<Utc>,
        w: CallWindow,
        code: &str,
        extra: Option<(&str, String)>,
    ) -> Reminder {
        let mut params = vec![
            ("date", w.local_date.format("%Y-%m-%d").to_string()),
            ("start", w.local_start.clone()),
            ("end", w.local_end.clone()),
        ];
        params.extend(extra);
        let mut r = self.reminder(
            kind,
            earliest.max(w.start),
            ReminderReason::from_parts(
                code.to_string(),
                params
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect(),
            ),
        );
        r.late_at = w.end.max(r.due);
        r.window = Some(w);
        r
    }
}

fn first_response(
    p: &Planner,
    case: &Case,
    contacts: &[&ContactAttempt],
    rules: &FollowupRules,
    out: &mut Vec<Reminder>,
) {
    let replied_publicly = case
        .seller_reply
        .as_deref()
        .is_some_and(|s| !s.trim().is_empty());
    if case.status != CaseStatus::New || !contacts.is_empty() || replied_publicly {
        return;
    }
    // History has no first-reply clock of its own; once the owner takes a case out of the
    // backlog, the clock runs from that moment.
    let start = match (case.backlog, case.followup_from) {
        (true, None) => return,
        (true, Some(from)) => from.max(case.review_time),
        (false, _) => case.review_time,
    };
    let hours = rules.first_response_hours;
    let deadline = start + Duration::hours(i64::from(hours));
    out.push(p.reminder(
        ReminderKind::FirstResponse,
        deadline,
        ReminderReason::new("first_response", [("hours", hours.to_string())]),
    ));
    let warn = rules.first_response_warning_hours;
    if warn > 0 && warn < hours {
        let mut r = p.reminder(
            ReminderKind::FirstResponseWarning,
            deadline - Duration::hours(i64::from(warn)),
            ReminderReason::new(
                "first_response_warning",
                [("hours", hours.to_string()), ("left", warn.to_string())],
            ),
        );
        r.late_at = deadline;
        r.expires_at = Some(deadline);
        out.push(r);
    }
}

/// The channel ladder: a failed call is retried in the next window; written messages
/// that stay unanswered for N days turn into a suggested call; "call me at X" is kept.
fn rhythm(
    p: &Planner,
    contacts: &[&ContactAttempt],
    rules: &FollowupRules,
    out: &mut Vec<Reminder>,
) {
    let Some(last) = contacts.last() else { return };
    match last.outcome {
        ContactOutcome::NoAnswer if last.channel == ContactChannel::Phone => {
            out.push(retry_call(p, last, rules, "callback.no_answer"));
        }
        ContactOutcome::NoAnswer => {
            // The silence started with the first of the trailing unanswered messages.
            let silent_since = contacts
                .iter()
                .rev()
                .take_while(|c| c.outcome == ContactOutcome::NoAnswer && c.channel.is_written())
                .last()
                .map_or(last.at, |c| c.at);
            let days = rules.escalate_after_days;
            let earliest = p.plus_days(silent_since, days);
            let r = match window_at_or_after(earliest, p.tz, rules) {
                Some(w) => p.call_in_window(
                    ReminderKind::EscalatePhone,
                    earliest,
                    w,
                    "escalate_phone",
                    Some(("days", days.to_string())),
                ),
                None => p.reminder(
                    ReminderKind::EscalatePhone,
                    earliest,
                    ReminderReason::new("escalate_phone.any_time", [("days", days.to_string())]),
                ),
            };
            out.push(r);
        }
        ContactOutcome::CallLater => match last.call_back_at {
            Some(at) => {
                let mut r = p.reminder(
                    ReminderKind::CallLater,
                    at,
                    ReminderReason::new("call_later", [("time", p.local_time(at))]),
                );
                r.late_at = at + CALL_LATER_GRACE;
                out.push(r);
            }
            None => out.push(retry_call(p, last, rules, "callback.asked_later")),
        },
        ContactOutcome::Replied
        | ContactOutcome::Agreed
        | ContactOutcome::Refused
        | ContactOutcome::Blocked => {}
    }
}

fn retry_call(p: &Planner, last: &ContactAttempt, rules: &FollowupRules, code: &str) -> Reminder {
    match next_window_start(last.at, p.tz, rules) {
        Some(w) => p.call_in_window(ReminderKind::Callback, w.start, w, code, None),
        None => p.reminder(
            ReminderKind::Callback,
            last.at + RETRY_WITHOUT_WINDOW,
            ReminderReason::new("callback.any_time", []),
        ),
    }
}

/// The buyer agreed to update the review by a time: check then, unless the owner has
/// been in touch since that time.
fn agreed_update(p: &Planner, contacts: &[&ContactAttempt], out: &mut Vec<Reminder>) {
    let Some((agreed, at)) = contacts
        .iter()
        .rev()
        .find_map(|c| c.agreed_update_at.map(|t| (c, t)))
    else {
        return;
    };
    if contacts.iter().any(|c| c.id != agreed.id && c.at >= at) {
        return;
    }
    if contacts
        .iter()
        .rev()
        .take_while(|c| c.id != agreed.id)
        .any(|c| matches!(c.outcome, ContactOutcome::Refused | ContactOutcome::Blocked))
    {
        return;
    }
    let mut r = p.reminder(
        ReminderKind::CheckReviewUpdate,
        at,
        ReminderReason::new("check_review_update", [("time", p.local_time(at))]),
    );
    r.late_at = at + CHECK_GRACE;
    out.push(r);
}

fn revisit(
    p: &Planner,
    resolved: DateTime<Utc>,
    contacts: &[&ContactAttempt],
    rules: &FollowupRules,
    out: &mut Vec<Reminder>,
) {
    if contacts.iter().any(|c| c.at > resolved) {
        return;
    }
    let days = rules.revisit_after_days;
    let due = p.plus_days(resolved, days);
    let mut r = p.reminder(
        ReminderKind::Revisit,
        due,
        ReminderReason::new("revisit", [("days", days.to_string())]),
    );
    r.late_at = due + CHECK_GRACE;
    out.push(r);
}

fn explanation(p: &Planner, case: &Case, rules: &FollowupRules, out: &mut Vec<Reminder>) {
    if !matches!(case.platform, Platform::Taobao | Platform::Tmall) {
        return;
    }
    let filled = |s: &Option<String>| s.as_deref().is_some_and(|t| !t.trim().is_empty());
    // The field closes early once the buyer adds a follow-up review.
    if filled(&case.seller_reply) || filled(&case.follow_up_text) {
        return;
    }
    let days = rules.explanation_close_days;
    let closes = p.plus_days(case.review_time, days);
    let mut r = p.reminder(
        ReminderKind::ExplanationDeadline,
        p.plus_days(
            case.review_time,
            days - rules.explanation_warn_days.min(days),
        ),
        ReminderReason::new(
            "explanation_deadline",
            [
                ("days", days.to_string()),
                ("deadline", p.local_date(closes)),
            ],
        ),
    );
    r.late_at = closes;
    r.expires_at = Some(closes);
    out.push(r);
}

/// Malicious or misattributed reviews can be appealed for a limited time; once the
/// owner records an appeal in the ledger, its own deadline takes over.
fn platform_appeal(p: &Planner, facts: &CaseFacts, rules: &FollowupRules, out: &mut Vec<Reminder>) {
    let case = &facts.case;
    if !matches!(case.primary_cause, Cause::Malicious | Cause::Misattributed) {
        return;
    }
    if facts.has_appeal
        || facts
            .commitments
            .iter()
            .any(|c| c.kind == CommitmentKind::Appeal)
    {
        return;
    }
    let days = rules.appeal_close_days;
    let closes = p.plus_days(case.review_time, days);
    let mut r = p.reminder(
        ReminderKind::AppealDeadline,
        p.plus_days(case.review_time, days - rules.appeal_warn_days.min(days)),
        ReminderReason::new(
            "appeal_deadline",
            [
                ("days", days.to_string()),
                ("deadline", p.local_date(closes)),
            ],
        ),
    );
    r.late_at = closes;
    r.expires_at = Some(closes);
    out.push(r);
}

fn commitments(p: &Planner, list: &[Commitment], rules: &FollowupRules, out: &mut Vec<Reminder>) {
    for c in list.iter().filter(|c| c.case_id == p.case_id) {
        let subject = format!("{}:{}", c.kind, c.ref_id);
        let mut r = match c.kind {
            CommitmentKind::Remedy | CommitmentKind::Promise => {
                let code = if c.kind == CommitmentKind::Remedy {
                    "promise_due.remedy"
                } else {
                    "promise_due.promise"
                };
                let mut r = p.reminder(
                    ReminderKind::PromiseDue,
                    c.due_at,
                    ReminderReason::new(code, [("label", c.label.clone())]),
                );
                r.late_at = c.due_at + PROMISE_GRACE;
                r
            }
            CommitmentKind::Appeal => {
                let mut r = p.reminder(
                    ReminderKind::AppealDeadline,
                    c.due_at - Duration::days(i64::from(rules.appeal_warn_days)),
                    ReminderReason::new(
                        "appeal_deadline.filed",
                        [
                            ("label", c.label.clone()),
                            ("deadline", p.local_time(c.due_at)),
                        ],
                    ),
                );
                r.late_at = c.due_at;
                r.expires_at = Some(c.due_at);
                r
            }
        };
        r.subject = subject;
        out.push(r);
    }
}
