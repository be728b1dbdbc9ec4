//! How a case ended: closing with an outcome, reopening, what counts as recovered.

use super::*;

#[test]
fn closing_records_the_outcome_and_reopening_clears_it() {
    let (mut conn, case) = setup();
    let e = close_case(
        &mut conn,
        case,
        Outcome::ReviewRevised,
        Some(6),
        None,
        "t",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "validation.range");
    let c = close_case(
        &mut conn,
        case,
        Outcome::ReviewRevised,
        Some(5),
        Some("买家改成了五星"),
        "小王",
        now(),
    )
    .unwrap();
    assert_eq!(c.status, CaseStatus::Closed);
    assert_eq!(c.outcome.as_deref(), Some("review_revised"));
    let res = resolution(&conn, case).unwrap();
    assert_eq!(res.outcome, Some(Outcome::ReviewRevised));
    assert_eq!(res.final_stars, Some(5));
    assert_eq!(res.closed_at, Some(now()));
    let status = events(&conn, case, "status").pop().unwrap();
    assert_eq!(status.new_value.as_deref(), Some("closed"));
    assert_eq!(status.note.as_deref(), Some("买家改成了五星"));
    let out = events(&conn, case, "outcome").pop().unwrap();
    assert_eq!(out.new_value.as_deref(), Some("review_revised"));
    assert_eq!(out.detail.new.as_ref().unwrap().final_stars, Some(5));

    let e = close_case(&mut conn, case, Outcome::Other, None, None, "t", now()).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");

    let later = now() + Duration::days(2);
    let e = reopen_case(&mut conn, case, CaseStatus::Closed, None, "t", later).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    let e = reopen_case(&mut conn, case, CaseStatus::New, None, "t", later).unwrap_err();
    assert_eq!(e.code(), "invalid_transition");
    let c = reopen_case(
        &mut conn,
        case,
        CaseStatus::Negotiating,
        Some("买家又追评了"),
        "t",
        later,
    )
    .unwrap();
    assert_eq!(c.status, CaseStatus::Negotiating);
    assert_eq!(c.outcome, None);
    let res = resolution(&conn, case).unwrap();
    assert_eq!((res.final_stars, res.closed_at), (None, None));
    let reopened = events(&conn, case, "reopened").pop().unwrap();
    assert_eq!(reopened.note.as_deref(), Some("买家又追评了"));
    let cleared = events(&conn, case, "outcome").pop().unwrap();
    assert_eq!(cleared.old_value.as_deref(), Some("review_revised"));
    assert_eq!(cleared.new_value, None);
    let e = reopen_case(&mut conn, case, CaseStatus::Contacting, None, "t", later).unwrap_err();
    assert_eq!(e.code(), "invalid_transition", "already open");

    // Closed through the plain status menu: the outcome can still be recorded.
    cases::set_status(&mut conn, case, CaseStatus::Closed, None, "t", later).unwrap();
    let c = close_case(
        &mut conn,
        case,
        Outcome::BuyerUnreachable,
        None,
        Some("三次未接"),
        "t",
        later,
    )
    .unwrap();
    assert_eq!(c.outcome.as_deref(), Some("buyer_unreachable"));
    assert_eq!(
        events(&conn, case, "outcome")
            .pop()
            .unwrap()
            .note
            .as_deref(),
        Some("三次未接")
    );
    assert_eq!(
        close_case(&mut conn, 404, Outcome::Other, None, None, "t", later)
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn outcomes_that_count_as_recovered() {
    let recovered: Vec<Outcome> = Outcome::ALL
        .iter()
        .copied()
        .filter(|o| o.is_recovered())
        .collect();
    assert_eq!(
        recovered,
        vec![
            Outcome::ReviewRevised,
            Outcome::FollowUpPositive,
            Outcome::RemovedByPlatform
        ]
    );
}
