use super::*;
use crate::cases::EventKind;
use crate::cases::{self, NewCase};
use crate::db;
use crate::intake;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::fs;
use std::io::Read;
use std::path::Path;

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn now() -> DateTime<Utc> {
    t("2026-11-20T04:00:00Z")
}

const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

fn setup() -> (Connection, i64, i64) {
    let mut conn = db::open_in_memory().unwrap();
    let case = intake::add_case(
        &mut conn,
        &NewCase {
            platform: "taobao".into(),
            product: "电热水壶".into(),
            stars: 1,
            review_text: "不给我返现50元就一直差评，电话13812345678".into(),
            review_time: "2026-11-18T02:00:00Z".into(),
            buyer_nick: "t**9".into(),
            buyer_phone: "13987654321".into(),
            order_id: "2026111812345678901".into(),
            ..Default::default()
        },
        "t",
        t("2026-11-18T03:00:00Z"),
    )
    .unwrap()
    .id;
    let appeal = create_appeal(
        &mut conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::Extortion),
            note: "买家以差评要挟索要50元，聊天记录见附件".into(),
            ..Default::default()
        },
        "小王",
        now(),
    )
    .unwrap()
    .id;
    (conn, case, appeal)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

/// Every file below `root`, relative, ignoring the empty incoming folder.
fn stored_files(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        let Ok(rd) = fs::read_dir(dir) else { return };
        for e in rd {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, base, out);
            } else {
                out.push(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

#[test]
fn a_new_appeal_is_a_draft_due_thirty_days_after_the_review() {
    let (conn, case, id) = setup();
    let a = get_appeal(&conn, id, now()).unwrap();
    assert_eq!(a.status, AppealStatus::Draft);
    assert_eq!(a.case_id, case);
    assert_eq!(a.deadline_at, t("2026-12-18T02:00:00Z"));
    assert!(!a.overdue);
    assert!(
        get_appeal(&conn, id, t("2026-12-18T02:00:01Z"))
            .unwrap()
            .overdue
    );
    let h = cases::history(&conn, case).unwrap();
    let added = h.iter().find(|e| e.kind == EventKind::AppealAdded).unwrap();
    assert_eq!(added.actor, "小王");
    let mut conn = conn;
    let e = create_appeal(&mut conn, case, &AppealInput::default(), "t", now()).unwrap_err();
    assert_eq!(e.code(), "validation.required");
    let custom = create_appeal(
        &mut conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::Misattributed),
            deadline_at: Some(t("2026-12-01T00:00:00Z")),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(custom.deadline_at, t("2026-12-01T00:00:00Z"));
    assert_eq!(list_appeals(&conn, Some(case), now()).unwrap().len(), 2);
}

fn appeal_in(conn: &mut Connection, case: i64, status: AppealStatus) -> i64 {
    let id = create_appeal(
        conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::Fraud),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap()
    .id;
    let path: &[AppealStatus] = match status {
        AppealStatus::Draft => &[],
        AppealStatus::Submitted => &[AppealStatus::Submitted],
        AppealStatus::Withdrawn => &[AppealStatus::Withdrawn],
        s => &[AppealStatus::Submitted, s],
    };
    for &s in path {
        set_appeal_status(conn, id, s, &AppealStatusChange::default(), "t", now()).unwrap();
    }
    id
}

#[test]
fn every_appeal_transition_through_the_database() {
    let (mut conn, case, _) = setup();
    for &from in AppealStatus::ALL {
        for &to in AppealStatus::ALL {
            let id = appeal_in(&mut conn, case, from);
            let n = cases::history(&conn, case).unwrap().len();
            let res = set_appeal_status(
                &mut conn,
                id,
                to,
                &AppealStatusChange::default(),
                "t",
                now(),
            );
            let after = get_appeal(&conn, id, now()).unwrap();
            if APPEAL_MOVES.contains(&(from, to)) {
                assert_eq!(res.unwrap().status, to);
                let last = cases::history(&conn, case).unwrap().pop().unwrap();
                assert_eq!(last.kind, EventKind::AppealStatus);
                assert_eq!(last.old_value.as_deref(), Some(from.as_str()));
            } else {
                assert_eq!(
                    res.unwrap_err().code(),
                    "invalid_transition",
                    "{from} → {to}"
                );
                assert_eq!(after.status, from);
                assert_eq!(cases::history(&conn, case).unwrap().len(), n);
            }
        }
    }
}

#[test]
fn submission_and_decision_are_dated() {
    let (mut conn, _, id) = setup();
    let at = t("2026-11-21T01:00:00Z");
    let a = set_appeal_status(
        &mut conn,
        id,
        AppealStatus::Submitted,
        &AppealStatusChange {
            reference: "SS-88121".into(),
            at: Some(at),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(a.submitted_at, Some(at));
    assert_eq!(a.reference.as_deref(), Some("SS-88121"));
    let e = update_appeal(
        &mut conn,
        id,
        &AppealInput {
            reason: Some(AppealReason::Competitor),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "validation.appeal_locked");
    let a = set_appeal_status(
        &mut conn,
        id,
        AppealStatus::Accepted,
        &AppealStatusChange {
            outcome_note: "平台已删除该评价".into(),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap();
    assert_eq!(a.decided_at, Some(now()));
    assert_eq!(a.submitted_at, Some(at));
    assert_eq!(a.outcome_note, "平台已删除该评价");
    assert_eq!(a.reference.as_deref(), Some("SS-88121"));
}

#[test]
fn evidence_is_hashed_copied_and_deduplicated() {
    let (mut conn, case, id) = setup();
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let shot = write(src.path(), "聊天截图.PNG", b"abc");
    let e = add_evidence(&mut conn, data.path(), id, &shot, "t", now()).unwrap();
    assert_eq!(e.sha256, ABC_SHA256);
    assert_eq!(e.size_bytes, 3);
    assert_eq!(e.file_name, "聊天截图.PNG");
    assert_eq!(e.media_type, "image/png");
    assert_eq!(e.stored_path, format!("evidence/ba/{ABC_SHA256}.png"));
    let on_disk = evidence_path(&conn, data.path(), e.id).unwrap();
    assert_eq!(fs::read(&on_disk).unwrap(), b"abc");
    assert!(on_disk.starts_with(data.path().join("evidence").join("ba")));

    // The same file again, and the same content under another name: one row, one copy.
    let again = add_evidence(&mut conn, data.path(), id, &shot, "t", now()).unwrap();
    assert_eq!(again.id, e.id);
    let renamed = write(src.path(), "copy.jpg", b"abc");
    assert_eq!(
        add_evidence(&mut conn, data.path(), id, &renamed, "t", now())
            .unwrap()
            .id,
        e.id
    );
    assert_eq!(list_evidence(&conn, id).unwrap().len(), 1);
    assert_eq!(get_appeal(&conn, id, now()).unwrap().evidence_count, 1);
    assert_eq!(
        stored_files(&data.path().join(EVIDENCE_DIR)),
        vec![format!("ba/{ABC_SHA256}.png")]
    );

    // Another appeal shares the stored copy.
    let other = create_appeal(
        &mut conn,
        case,
        &AppealInput {
            reason: Some(AppealReason::InsultPersonalData),
            ..Default::default()
        },
        "t",
        now(),
    )
    .unwrap()
    .id;
    let shared = add_evidence(&mut conn, data.path(), other, &renamed, "t", now()).unwrap();
    assert_ne!(shared.id, e.id);
    assert_eq!(shared.stored_path, e.stored_path);
    assert_eq!(shared.file_name, "copy.jpg");
    assert_eq!(stored_files(&data.path().join(EVIDENCE_DIR)).len(), 1);

    let logged = cases::history(&conn, case)
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == EventKind::EvidenceAdded)
        .count();
    assert_eq!(logged, 2);

    // Removing from one appeal keeps the copy the other still uses.
    remove_evidence(&mut conn, data.path(), e.id, "t", now()).unwrap();
    assert!(on_disk.is_file());
    remove_evidence(&mut conn, data.path(), shared.id, "t", now()).unwrap();
    assert!(!on_disk.exists());
    assert_eq!(
        evidence_path(&conn, data.path(), shared.id)
            .unwrap_err()
            .code(),
        "not_found"
    );
    let removed = cases::history(&conn, case)
        .unwrap()
        .into_iter()
        .filter(|h| h.kind == EventKind::EvidenceRemoved)
        .count();
    assert_eq!(removed, 2);
}

#[test]
fn missing_empty_and_folder_sources_are_refused_by_name() {
    let (mut conn, _, id) = setup();
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let missing = src.path().join("录音-不存在.m4a");
    let e = add_evidence(&mut conn, data.path(), id, &missing, "t", now()).unwrap_err();
    assert_eq!(e.code(), "validation.file_missing");
    assert!(e.to_string().contains("录音-不存在.m4a"), "{e}");
    let e = add_evidence(&mut conn, data.path(), id, src.path(), "t", now()).unwrap_err();
    assert_eq!(e.code(), "validation.file_unreadable");
    assert!(e.to_string().contains("folder"), "{e}");
    let empty = write(src.path(), "empty.txt", b"");
    let e = add_evidence(&mut conn, data.path(), id, &empty, "t", now()).unwrap_err();
    assert_eq!(e.code(), "validation.file_empty");
    assert!(list_evidence(&conn, id).unwrap().is_empty());
}

#[cfg(unix)]
#[test]
fn unreadable_sources_are_refused_by_name() {
    use std::os::unix::fs::PermissionsExt;
    let (mut conn, _, id) = setup();
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();

    // A socket is in the file system but holds no content to read.
    let sock = src.path().join("chat.sock");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    let e = add_evidence(&mut conn, data.path(), id, &sock, "t", now()).unwrap_err();
    assert_eq!(e.code(), "validation.file_unreadable");
    assert!(e.to_string().contains("chat.sock"), "{e}");

    // Without read permission. Root reads it anyway, so the check follows what the OS
    // actually allows this process.
    let locked = write(src.path(), "locked.png", b"secret");
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let os_refuses = fs::File::open(&locked).is_err();
    let res = add_evidence(&mut conn, data.path(), id, &locked, "t", now());
    if os_refuses {
        let e = res.unwrap_err();
        assert_eq!(e.code(), "validation.file_unreadable");
        assert!(e.to_string().contains("locked.png"), "{e}");
    } else {
        assert_eq!(res.unwrap().size_bytes, 6);
    }
    assert_eq!(
        list_evidence(&conn, id).unwrap().len(),
        usize::from(!os_refuses)
    );
}

#[test]
fn a_2_gb_file_is_refused_from_its_size_alone() {
    let (mut conn, _, id) = setup();
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let big = src.path().join("screen-recording.mp4");
    // Sparse: 2 GiB long, no blocks written.
    fs::File::create(&big)
        .unwrap()
        .set_len(2 * 1024 * 1024 * 1024)
        .unwrap();
    let e = add_evidence(&mut conn, data.path(), id, &big, "t", now()).unwrap_err();
    assert_eq!(e.code(), "validation.file_too_large");
    let msg = e.to_string();
    assert!(msg.contains("screen-recording.mp4"), "{msg}");
    assert!(msg.contains("2.0 GB"), "{msg}");
    assert!(msg.contains("200.0 MB"), "{msg}");
    // Nothing was copied: the copy step would have created the evidence folder.
    assert!(!data.path().join(EVIDENCE_DIR).exists());
    assert!(list_evidence(&conn, id).unwrap().is_empty());

    // The limit is a parameter: a 1 KiB limit refuses a 2 KiB file the same way.
    let small = write(src.path(), "log.txt", &[b'x'; 2048]);
    let e = add_evidence_limited(&mut conn, data.path(), id, &small, 1024, "t", now()).unwrap_err();
    assert_eq!(e.code(), "validation.file_too_large");
}

#[test]
fn closed_appeals_keep_their_evidence() {
    let (mut conn, _, id) = setup();
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let f = write(src.path(), "a.txt", b"abc");
    let e = add_evidence(&mut conn, data.path(), id, &f, "t", now()).unwrap();
    for s in [AppealStatus::Submitted, AppealStatus::Accepted] {
        set_appeal_status(&mut conn, id, s, &AppealStatusChange::default(), "t", now()).unwrap();
    }
    let g = write(src.path(), "b.txt", b"abcd");
    assert_eq!(
        add_evidence(&mut conn, data.path(), id, &g, "t", now())
            .unwrap_err()
            .code(),
        "validation.appeal_locked"
    );
    assert_eq!(
        remove_evidence(&mut conn, data.path(), e.id, "t", now())
            .unwrap_err()
            .code(),
        "validation.appeal_locked"
    );
}

fn entry_text(zip: &mut zip::ZipArchive<fs::File>, name: &str) -> Vec<u8> {
    let mut f = zip.by_name(name).unwrap();
    let mut out = Vec::new();
    f.read_to_end(&mut out).unwrap();
    out
}

#[test]
fn the_packet_holds_the_summary_and_every_file() {
    let (mut conn, case, id) = setup();
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let shot_bytes: Vec<u8> = (0..50_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let shot = write(src.path(), "聊天截图.png", &shot_bytes);
    let chat = write(
        src.path(),
        "chat export.txt",
        "买家：不给50元就差评\n买家：我电话13812345678\n"
            .repeat(200)
            .as_bytes(),
    );
    let e1 = add_evidence(&mut conn, data.path(), id, &shot, "t", now()).unwrap();
    let e2 = add_evidence(&mut conn, data.path(), id, &chat, "t", now()).unwrap();

    let dest = data.path().join("exports").join("appeal.zip");
    let report = export_packet(&conn, data.path(), id, &dest, crate::Lang::Zh, now()).unwrap();
    assert_eq!(
        report.entries,
        vec![
            "summary.txt".to_string(),
            "evidence/01-聊天截图.png".to_string(),
            "evidence/02-chat export.txt".to_string()
        ]
    );
    assert_eq!(report.bytes, fs::metadata(&dest).unwrap().len());
    assert!(!data.path().join("exports").join("appeal.zip.part").exists());

    let mut zip = zip::ZipArchive::new(fs::File::open(&dest).unwrap()).unwrap();
    assert_eq!(zip.len(), 3);
    assert_eq!(entry_text(&mut zip, "evidence/01-聊天截图.png"), shot_bytes);
    assert_eq!(
        entry_text(&mut zip, "evidence/02-chat export.txt"),
        fs::read(&chat).unwrap()
    );
    assert_eq!(
        zip.by_name("evidence/01-聊天截图.png")
            .unwrap()
            .compression(),
        zip::CompressionMethod::Stored
    );
    let txt = zip.by_name("evidence/02-chat export.txt").unwrap();
    assert_eq!(txt.compression(), zip::CompressionMethod::Deflated);
    assert!(txt.compressed_size() < txt.size());
    drop(txt);

    let summary = String::from_utf8(entry_text(&mut zip, "summary.txt")).unwrap();
    for needle in [
        &format!("案例 #{case}"),
        "敲诈勒索",
        "草稿",
        "2026-12-18 10:00",
        "电热水壶",
        "2026111812345678901",
        "不给我返现50元就一直差评",
        "买家以差评要挟索要50元",
        "共 2 个文件",
        e1.sha256.as_str(),
        e2.sha256.as_str(),
        "evidence/02-chat export.txt",
        "appeal_added",
        "evidence_added",
    ] {
        assert!(
            summary.contains(needle),
            "missing {needle:?} in:\n{summary}"
        );
    }
    assert!(!summary.contains("13987654321"), "buyer phone stays out");
    assert!(
        !summary.contains("13812345678"),
        "mobiles in text are masked"
    );
    assert!(summary.contains("138******78"));

    let en = data.path().join("appeal-en.zip");
    export_packet(&conn, data.path(), id, &en, crate::Lang::En, now()).unwrap();
    let mut zip = zip::ZipArchive::new(fs::File::open(&en).unwrap()).unwrap();
    let summary = String::from_utf8(entry_text(&mut zip, "summary.txt")).unwrap();
    assert!(summary.contains("Appeal packet"));
    assert!(summary.contains("Reason: extortion"));
    assert!(summary.contains("2 file(s)"));
}

#[test]
fn a_tampered_copy_stops_the_export() {
    let (mut conn, _, id) = setup();
    let data = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    let f = write(src.path(), "proof.txt", b"abc");
    let e = add_evidence(&mut conn, data.path(), id, &f, "t", now()).unwrap();
    let stored = evidence_path(&conn, data.path(), e.id).unwrap();
    fs::write(&stored, b"abd").unwrap();
    let dest = data.path().join("p.zip");
    let err = export_packet(&conn, data.path(), id, &dest, crate::Lang::En, now()).unwrap_err();
    assert_eq!(err.code(), "validation.evidence_changed");
    assert!(err.to_string().contains("proof.txt"), "{err}");
    assert!(!dest.exists());
    assert!(!data.path().join("p.zip.part").exists());

    fs::remove_file(&stored).unwrap();
    assert_eq!(
        evidence_path(&conn, data.path(), e.id).unwrap_err().code(),
        "validation.file_missing"
    );
    let err = export_packet(&conn, data.path(), id, &dest, crate::Lang::En, now()).unwrap_err();
    assert_eq!(err.code(), "validation.file_missing");
    assert!(!dest.exists());
}
