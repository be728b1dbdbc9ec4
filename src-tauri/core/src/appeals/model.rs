//! Appeals to the platform against malicious or misattributed reviews (PLAYBOOK 6).

use crate::common::{string_enum, Lang};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// The grounds platforms accept for removing a review.
    AppealReason {
        Extortion = "extortion",
        Competitor = "competitor",
        Fraud = "fraud",
        InsultPersonalData = "insult_personal_data",
        Misattributed = "misattributed",
    }
);

string_enum!(
    /// draft → submitted → accepted / rejected; a rejected appeal may be submitted again
    /// with more evidence, and an appeal may be withdrawn before the platform decides.
    AppealStatus {
        Draft = "draft",
        Submitted = "submitted",
        Accepted = "accepted",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
    }
);

pub const APPEAL_MOVES: &[(AppealStatus, AppealStatus)] = &[
    (AppealStatus::Draft, AppealStatus::Submitted),
    (AppealStatus::Draft, AppealStatus::Withdrawn),
    (AppealStatus::Submitted, AppealStatus::Accepted),
    (AppealStatus::Submitted, AppealStatus::Rejected),
    (AppealStatus::Submitted, AppealStatus::Withdrawn),
    (AppealStatus::Rejected, AppealStatus::Submitted),
];

/// Platforms take appeals about a review generally within 30 days of it.
pub const DEFAULT_APPEAL_WINDOW_DAYS: i64 = 30;

impl AppealReason {
    pub fn label(self, lang: Lang) -> &'static str {
        let en = lang.is_en();
        use AppealReason::*;
        match (self, en) {
            (Extortion, false) => "敲诈勒索",
            (Extortion, true) => "extortion",
            (Competitor, false) => "同行恶意评价",
            (Competitor, true) => "competitor",
            (Fraud, false) => "虚假交易/非真实买家",
            (Fraud, true) => "fraud / not a real buyer",
            (InsultPersonalData, false) => "辱骂或泄露个人信息",
            (InsultPersonalData, true) => "insults or personal data",
            (Misattributed, false) => "张冠李戴（评价对象错误）",
            (Misattributed, true) => "misattributed (meant for another shop or item)",
        }
    }
}

impl AppealStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        let en = lang.is_en();
        use AppealStatus::*;
        match (self, en) {
            (Draft, false) => "草稿",
            (Draft, true) => "draft",
            (Submitted, false) => "已提交",
            (Submitted, true) => "submitted",
            (Accepted, false) => "申诉成功",
            (Accepted, true) => "accepted",
            (Rejected, false) => "申诉被驳回",
            (Rejected, true) => "rejected",
            (Withdrawn, false) => "已撤回",
            (Withdrawn, true) => "withdrawn",
        }
    }

    /// Where an appeal may go from here, in the table's order (what the UI offers).
    pub fn next_statuses(self) -> Vec<AppealStatus> {
        APPEAL_MOVES
            .iter()
            .filter(|&&(from, _)| from == self)
            .map(|&(_, to)| to)
            .collect()
    }

    /// Evidence can still be added or removed.
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            AppealStatus::Draft | AppealStatus::Submitted | AppealStatus::Rejected
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Appeal {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub reason: AppealReason,
    pub status: AppealStatus,
    /// Where the owner may move it from here.
    pub next_statuses: Vec<AppealStatus>,
    /// Last moment to submit (review time + 30 days unless changed).
    pub deadline_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The platform's appeal or ticket number.
    pub reference: Option<String>,
    pub note: String,
    pub outcome_note: String,
    pub evidence_count: u32,
    /// Still a draft and the deadline has passed (as of the time it was read).
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppealInput {
    pub reason: Option<AppealReason>,
    /// Empty: the review time + 30 days.
    pub deadline_at: Option<DateTime<Utc>>,
    pub note: String,
    pub reference: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppealStatusChange {
    /// The platform's appeal number; kept when empty.
    pub reference: String,
    /// What the platform answered (on accepted/rejected).
    pub outcome_note: String,
    /// When it happened; now when empty.
    pub at: Option<DateTime<Utc>>,
}

/// One evidence file attached to an appeal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Evidence {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub appeal_id: i64,
    /// The name the file had when it was attached.
    pub file_name: String,
    /// Hex SHA-256 of the content.
    pub sha256: String,
    #[ts(type = "number")]
    pub size_bytes: u64,
    /// Relative to the data directory, e.g. `evidence/3f/3f…a1.png`.
    pub stored_path: String,
    pub media_type: String,
    pub added_at: DateTime<Utc>,
}

/// What the appeal-packet export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PacketReport {
    pub path: String,
    /// Entry names in the zip, summary first.
    pub entries: Vec<String>,
    #[ts(type = "number")]
    pub bytes: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_statuses_are_the_moves_the_table_allows() {
        use AppealStatus::*;
        for &from in AppealStatus::ALL {
            let next = from.next_statuses();
            for &to in AppealStatus::ALL {
                assert_eq!(
                    next.contains(&to),
                    APPEAL_MOVES.contains(&(from, to)),
                    "{from} → {to}"
                );
            }
        }
        assert_eq!(Submitted.next_statuses(), [Accepted, Rejected, Withdrawn]);
        assert_eq!(Rejected.next_statuses(), [Submitted]);
        assert!(Accepted.next_statuses().is_empty());
    }
}
