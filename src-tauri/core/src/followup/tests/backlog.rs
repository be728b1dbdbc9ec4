//! History that arrives with an import: no first reply or call-back of its own, its
//! countdowns kept inside one Today item, nothing fired on its own.

use super::*;
use crate::intake::{self, ImportOptions};

fn backlog(mut c: Case) -> Case {
    c.backlog = true;
    c
}

#[test]
fn history_gets_no_first_reply_but_keeps_its_platform_countdown() {
    let rules = FollowupRules::default();
    let now = t("2026-11-23T03:00:00Z");
    // Reviewed three days ago on Taobao: the explanation field is open for 27 more days.
    let f = facts(backlog(case_at("2026-11-20T02:00:00Z")));
    let rs = reminders_for_case(&f, &rules, now);
    assert_eq!(kinds(&rs), [ReminderKind::ExplanationDeadline]);
    assert!(rs[0].backlog, "counted in the backlog, not on its own");
    assert_eq!(rs[0].late_at, t("2026-12-20T02:00:00Z"));

    // Taken up for follow-up: the first reply is due 24 h from then, and nothing is
    // in the backlog any more.
    let mut f = f;
    f.case.followup_from = Some(now);
    let rs = reminders_for_case(&f, &rules, now);
    let fr = only(&rs, ReminderKind::FirstResponse);
    assert_eq!(fr.due, t("2026-11-24T03:00:00Z"));
    assert!(rs.iter().all(|r| !r.backlog));

    // A live case of the same age keeps its (overdue) first reply.
    let live = facts(case_at("2026-11-20T02:00:00Z"));
    let rs = reminders_for_case(&live, &rules, now);
    assert_eq!(
        only(&rs, ReminderKind::FirstResponse).due,
        t("2026-11-21T02:00:00Z")
    );
    assert!(rs.iter().all(|r| !r.backlog));
}

#[test]
fn history_marked_handled_has_nobody_to_revisit() {
    let rules = FollowupRules::default();
    let now = t("2026-11-23T03:00:00Z");
    let mut f = facts(jd(backlog(case_at("2024-03-01T02:00:00Z"))));
    f.case.status = CaseStatus::Resolved;
    f.resolved_at = Some(t("2026-11-20T02:00:00Z"));
    assert!(reminders_for_case(&f, &rules, now).is_empty());
    // One the owner worked through does get its revisit.
    f.contacts = vec![attempt(
        1,
        "2026-11-19T02:00:00Z",
        ContactChannel::Phone,
        ContactOutcome::Agreed,
    )];
    assert_eq!(
        kinds(&reminders_for_case(&f, &rules, now)),
        [ReminderKind::Revisit]
    );
}

/// A Taobao trade-rate export: two reviews from years ago, one from ten days ago (its
/// explanation window still open), one from an hour ago.
fn export(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("rates.csv");
    std::fs::write(
        &path,
        "tid,oid,nick,result,created,item_title,item_price,content,reply\n\
         2001,1,a***1,bad,2019-02-03 14:22:10,保温杯,59.90,用了两天就漏水，质量太差,\n\
         2002,2,b***2,bad,2017-10-21 20:01:00,保温杯,59.90,快递太慢了，盒子都压扁了,\n\
         2003,3,c***3,bad,2026-11-13 10:00:00,茶杯,19.00,杯口有裂缝,\n\
         2004,4,d***4,bad,2026-11-23 10:30:00,茶杯,19.00,颜色和图片不一样,\n",
    )
    .unwrap();
    path
}

fn import(
    conn: &mut Connection,
    path: &std::path::Path,
    now: DateTime<Utc>,
) -> intake::ImportReport {
    intake::import(conn, path, &ImportOptions::default(), now, &mut |_| true).unwrap()
}

#[test]
fn an_old_import_lands_as_one_today_item_beside_the_live_reminders() {
    let mut conn = open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // 11:30 Beijing on Monday 23 November.
    let now = t("2026-11-23T03:30:00Z");
    let live = new_case(&mut conn, "jd", "2026-11-22T00:00:00Z", now);
    let report = import(&mut conn, &export(dir.path()), now);
    assert_eq!((report.new, report.backlog), (4, 3));

    let v = today(&mut conn, now).unwrap();
    // The live case's first reply is overdue; the fresh import is counting down.
    assert_eq!(v.overdue.len(), 1);
    assert_eq!(v.overdue[0].case_id, live.id);
    let listed: Vec<i64> = [&v.due_now, &v.in_window, &v.overdue, &v.coming_up]
        .iter()
        .flat_map(|s| s.iter().map(|i| i.case_id))
        .collect();
    let backlog_ids: Vec<i64> = cases::list(
        &conn,
        &cases::CaseFilter {
            backlog: true,
            ..Default::default()
        },
    )
    .unwrap()
    .items
    .iter()
    .map(|c| c.id)
    .collect();
    assert_eq!(backlog_ids.len(), 3);
    assert!(
        listed.iter().all(|id| !backlog_ids.contains(id)),
        "{listed:?}"
    );
    assert_eq!(v.counts.backlog, 3);
    assert_eq!(v.backlog.cases, 3);
    // Only the ten-day-old review still has its explanation window open.
    assert_eq!(v.backlog.reply_open, 1);
    assert_eq!(v.backlog.first_closes, Some(t("2026-12-13T02:00:00Z")));
    assert_eq!(v.backlog.oldest_review, Some(t("2017-10-21T12:01:00Z")));
    assert!(v.counts.tooltip_zh.contains("3 条历史差评待分拣"));
    assert!(v.counts.tooltip_en.contains("3 old bad reviews to sort"));

    // Nothing of the backlog is due on its own, nor fires.
    let due: Vec<i64> = due_at(&mut conn, now + Duration::days(30))
        .unwrap()
        .iter()
        .map(|i| i.case_id)
        .collect();
    assert!(due.iter().all(|id| !backlog_ids.contains(id)), "{due:?}");
    let fired = take_due(&mut conn, now + Duration::days(30)).unwrap();
    assert!(fired
        .items
        .iter()
        .all(|i| !backlog_ids.contains(&i.case_id)));
    // The case page still shows the countdown.
    let open = backlog_ids
        .iter()
        .find(|id| cases::get(&conn, **id).unwrap().product == "茶杯")
        .copied()
        .unwrap();
    let mine = case_reminders(&mut conn, open, now).unwrap();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].backlog);
    let windows = reply_windows(&mut conn, &backlog_ids, now).unwrap();
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0].case_id, open);
    assert_eq!(windows[0].closes_at, t("2026-12-13T02:00:00Z"));
}

#[test]
fn a_case_taken_out_of_the_backlog_is_armed_and_shown() {
    let mut conn = open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let now = t("2026-11-23T03:30:00Z");
    import(&mut conn, &export(dir.path()), now);
    let recent = cases::list(
        &conn,
        &cases::CaseFilter {
            backlog: true,
            from: Some(t("2026-11-01T00:00:00Z")),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(recent.total, 1);
    let id = recent.items[0].id;
    sync(&mut conn, now).unwrap();
    assert!(cases::start_followup(&conn, id, "店主", now).unwrap());
    assert!(
        !cases::start_followup(&conn, id, "店主", now).unwrap(),
        "once only"
    );
    let later = now + Duration::hours(25);
    let v = today(&mut conn, later).unwrap();
    assert_eq!(v.backlog.cases, 2);
    assert_eq!(v.backlog.reply_open, 0);
    let kinds: Vec<ReminderKind> = v
        .overdue
        .iter()
        .filter(|i| i.case_id == id)
        .map(|i| i.kind)
        .collect();
    assert_eq!(kinds, [ReminderKind::FirstResponse]);
    // Its explanation countdown now fires like any other reminder.
    let fired = take_due(&mut conn, t("2026-12-11T00:00:00Z")).unwrap();
    assert!(fired
        .items
        .iter()
        .any(|i| i.case_id == id && i.kind == ReminderKind::ExplanationDeadline));
    let h = cases::history(&conn, id).unwrap();
    assert_eq!(h.last().unwrap().kind, cases::EventKind::FollowupStarted);
}

#[test]
fn today_sections_page_and_narrow_beyond_their_top() {
    let mut conn = open_in_memory().unwrap();
    let setup = t("2026-11-20T00:00:00Z");
    let mut ids = Vec::new();
    for _ in 0..12 {
        ids.push(new_case(&mut conn, "jd", "2026-11-19T00:00:00Z", setup).id);
    }
    let now = t("2026-11-23T03:30:00Z");
    let v = today(&mut conn, now).unwrap();
    assert_eq!(v.counts.overdue, 12);
    assert_eq!(v.overdue.len(), TOP_ITEMS as usize);
    let mut page = |offset, limit, query: &str, kinds: Vec<ReminderKind>| {
        today_section(
            &mut conn,
            &SectionQuery {
                section: TodaySection::Overdue,
                kinds,
                query: query.into(),
                offset,
                limit,
            },
            now,
        )
        .unwrap()
    };
    let p = page(5, 50, "", vec![]);
    assert_eq!((p.total, p.items.len()), (12, 7));
    let p = page(0, 0, &format!("#{}", ids[3]), vec![]);
    assert_eq!(p.total, 1);
    assert_eq!(p.items[0].case_id, ids[3]);
    let p = page(0, 50, "热水", vec![ReminderKind::FirstResponse]);
    assert_eq!(p.total, 12);
    let p = page(0, 50, "", vec![ReminderKind::Callback]);
    assert_eq!((p.total, p.items.len()), (0, 0));
}
