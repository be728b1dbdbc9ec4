//! Bulk actions on a selection: what the preview says, that the run does exactly that
//! (or nothing when the selection moved), and what each action leaves behind.

use super::*;
use crate::cases::{CaseFilter, NewCase};
use crate::db::open_in_memory;
use crate::intake::{self, ImportOptions};
use crate::remedies::PromiseInput;
use chrono::Duration;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    t("2026-11-23T03:30:00Z")
}

/// Two live cases (one with an open promise) and three reviews imported as history.
fn shop() -> (Connection, Vec<i64>, tempfile::TempDir) {
    let mut conn = open_in_memory().unwrap();
    let mut live = Vec::new();
    for text in ["壶底漏水，用了两天就坏了", "客服态度很差，一直不回复"] {
        let c = intake::add_case(
            &mut conn,
            &NewCase {
                platform: "jd".into(),
                product: "电热水壶".into(),
                stars: 1,
                review_text: text.into(),
                review_time: "2026-11-23T01:00:00Z".into(),
                ..Default::default()
            },
            "店主",
            now(),
        )
        .unwrap();
        live.push(c.id);
    }
    remedies::add_promise(
        &mut conn,
        live[0],
        &PromiseInput {
            text: "补发一个新壶".into(),
            due_at: Some(now() + Duration::days(2)),
            note: String::new(),
        },
        "店主",
        now(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.csv");
    std::fs::write(
        &path,
        "tid,oid,nick,result,created,item_title,item_price,content,reply\n\
         3001,1,a***1,bad,2018-05-03 14:22:10,保温杯,59.90,用了两天就漏水，质量太差,\n\
         3002,2,b***2,bad,2018-06-21 20:01:00,保温杯,59.90,快递太慢了,\n\
         3003,3,c***3,neutral,2026-11-13 10:00:00,茶杯,19.00,杯口有裂缝,\n",
    )
    .unwrap();
    intake::import(
        &mut conn,
        &path,
        &ImportOptions::default(),
        now(),
        &mut |_| true,
    )
    .unwrap();
    (conn, live, dir)
}

fn backlog() -> CaseFilter {
    CaseFilter {
        backlog: true,
        ..Default::default()
    }
}

fn live_reminders(conn: &mut Connection) -> Vec<(i64, String)> {
    followup::due_at(conn, now() + Duration::days(3))
        .unwrap()
        .into_iter()
        .map(|i| (i.case_id, i.kind.to_string()))
        .collect()
}

#[test]
fn closing_the_backlog_as_too_old_empties_it_and_leaves_the_live_cases_alone() {
    let (mut conn, live, _dir) = shop();
    let before = live_reminders(&mut conn);
    assert!(before.iter().all(|(id, _)| live.contains(id)));
    assert!(!before.is_empty());
    let p = preview(&mut conn, &backlog(), &BulkAction::CloseTooOld, now()).unwrap();
    assert_eq!((p.cases, p.applies, p.owed_total), (3, 3, 0));
    assert_eq!(p.reminders, 1, "the tea cup's explanation countdown");
    let r = run(
        &mut conn,
        &BulkRequest {
            selection: backlog(),
            action: BulkAction::CloseTooOld,
            expected: 3,
        },
        "店主",
        now(),
    )
    .unwrap();
    assert_eq!((r.cases, r.changed), (3, 3));
    let v = followup::today(&mut conn, now()).unwrap();
    assert_eq!(v.backlog, followup::BacklogGroup::default());
    assert_eq!(live_reminders(&mut conn), before);
    // Each case says why it was closed, and no outcome was recorded.
    let closed = cases::list(
        &conn,
        &CaseFilter {
            statuses: vec![CaseStatus::Closed],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(closed.total, 3);
    for c in &closed.items {
        assert_eq!(c.outcome, None);
        let last = cases::history(&conn, c.id).unwrap().pop().unwrap();
        assert_eq!(last.new_value.as_deref(), Some("closed"));
        assert_eq!(last.detail.reason.as_deref(), Some("too_old"));
    }
}

#[test]
fn a_selection_that_changed_since_the_confirmation_is_left_alone() {
    let (mut conn, _live, _dir) = shop();
    let e = run(
        &mut conn,
        &BulkRequest {
            selection: backlog(),
            action: BulkAction::SetStatus {
                status: CaseStatus::Resolved,
            },
            expected: 2,
        },
        "店主",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "bulk.selection_changed");
    assert_eq!(cases::list(&conn, &backlog()).unwrap().total, 3);
    let e = run(
        &mut conn,
        &BulkRequest {
            selection: CaseFilter {
                ids: vec![999],
                ..Default::default()
            },
            action: BulkAction::Delete,
            expected: 0,
        },
        "店主",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "bulk.empty_selection");
}

#[test]
fn finishing_or_deleting_names_what_is_still_owed() {
    let (mut conn, live, _dir) = shop();
    let picked = CaseFilter {
        ids: live.clone(),
        ..Default::default()
    };
    for action in [
        BulkAction::SetStatus {
            status: CaseStatus::Resolved,
        },
        BulkAction::CloseTooOld,
        BulkAction::Delete,
    ] {
        let p = preview(&mut conn, &picked, &action, now()).unwrap();
        assert_eq!((p.owed_total, p.owed_cases), (1, 1), "{action:?}");
        assert_eq!(p.owed[0].label, "补发一个新壶");
        assert_eq!(p.owed[0].case_id, live[0]);
    }
    let p = preview(&mut conn, &picked, &BulkAction::DismissReminders, now()).unwrap();
    assert!(p.owed.is_empty());
    // Resolving twice: the second time both are skipped as already there.
    let req = BulkRequest {
        selection: picked.clone(),
        action: BulkAction::SetStatus {
            status: CaseStatus::Resolved,
        },
        expected: 2,
    };
    assert_eq!(run(&mut conn, &req, "店主", now()).unwrap().changed, 2);
    let again = run(&mut conn, &req, "店主", now()).unwrap();
    assert_eq!(again.changed, 0);
    assert_eq!(
        again.skipped,
        [SkipCount {
            reason: SkipReason::CannotMove,
            count: 2
        }]
    );
    // Deleting takes the promise with it.
    let r = run(
        &mut conn,
        &BulkRequest {
            selection: picked,
            action: BulkAction::Delete,
            expected: 2,
        },
        "店主",
        now(),
    )
    .unwrap();
    assert_eq!(r.changed, 2);
    assert!(remedies::owed(&conn, &live, crate::Lang::Zh)
        .unwrap()
        .is_empty());
    assert_eq!(cases::count(&conn).unwrap(), 3);
}

#[test]
fn dismissing_and_starting_follow_up_work_on_what_applies() {
    let (mut conn, live, _dir) = shop();
    let everything = CaseFilter::default();
    let p = preview(&mut conn, &everything, &BulkAction::StartFollowup, now()).unwrap();
    assert_eq!((p.cases, p.applies), (5, 3));
    assert_eq!(
        p.skipped,
        [SkipCount {
            reason: SkipReason::NotInBacklog,
            count: 2
        }]
    );
    // The recent one only: reviewed in the last 30 days.
    let recent = CaseFilter {
        backlog: true,
        from: Some(now() - Duration::days(30)),
        ..Default::default()
    };
    let r = run(
        &mut conn,
        &BulkRequest {
            selection: recent,
            action: BulkAction::StartFollowup,
            expected: 1,
        },
        "店主",
        now(),
    )
    .unwrap();
    assert_eq!(r.changed, 1);
    assert_eq!(cases::list(&conn, &backlog()).unwrap().total, 2);

    let picked = CaseFilter {
        ids: live.clone(),
        ..Default::default()
    };
    let p = preview(&mut conn, &picked, &BulkAction::DismissReminders, now()).unwrap();
    assert!(p.reminders > 0);
    let r = run(
        &mut conn,
        &BulkRequest {
            selection: picked,
            action: BulkAction::DismissReminders,
            expected: 2,
        },
        "店主",
        now(),
    )
    .unwrap();
    assert_eq!(r.reminders_dismissed, p.reminders);
    assert!(live_reminders(&mut conn)
        .iter()
        .all(|(id, _)| !live.contains(id)));
}
