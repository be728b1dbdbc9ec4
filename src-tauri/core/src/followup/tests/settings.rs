//! The owner's rules as stored: defaults, validation, a damaged row.

use super::*;

#[test]
fn rules_default_validate_and_persist() {
    let mut conn = open_in_memory().unwrap();
    assert_eq!(load_rules(&conn).unwrap(), FollowupRules::default());
    let r = FollowupRules {
        windows: vec![
            WindowRule {
                start: "18:30".into(),
                end: "20:00".into(),
            },
            WindowRule {
                start: "9:00".into(),
                end: "10:00".into(),
            },
        ],
        ..FollowupRules::default()
    };
    let saved = save_rules(&mut conn, &r).unwrap();
    assert_eq!(saved.windows[0].start, "09:00");
    assert_eq!(load_rules(&conn).unwrap(), saved);

    let bad = |f: &dyn Fn(&mut FollowupRules)| {
        let mut r = FollowupRules::default();
        f(&mut r);
        save_rules(&mut conn_for_bad(), &r).unwrap_err().code()
    };
    assert_eq!(
        bad(&|r| r.windows[0].end = "11:00".into()),
        "validation.window_order"
    );
    assert_eq!(
        bad(&|r| r.windows[1].start = "12:30".into()),
        "validation.window_overlap"
    );
    assert_eq!(
        bad(&|r| r.windows[0].start = "noon".into()),
        "validation.time_format"
    );
    assert_eq!(
        bad(&|r| r.default_tz = "Mars/Olympus".into()),
        "validation.unknown_timezone"
    );
    assert_eq!(
        bad(&|r| r.first_response_warning_hours = 24),
        "validation.range"
    );
    assert_eq!(bad(&|r| r.escalate_after_days = 0), "validation.range");
}

fn conn_for_bad() -> Connection {
    open_in_memory().unwrap()
}

#[test]
fn damaged_rules_fall_back_to_defaults() {
    let conn = open_in_memory().unwrap();
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, '{oops')",
        [RULES_KEY],
    )
    .unwrap();
    assert_eq!(load_rules(&conn).unwrap(), FollowupRules::default());
}
