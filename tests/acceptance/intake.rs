//! Intake on the real review files in ../shared/data: every file imports with the right
//! counts, re-imports add nothing, damaged copies give clear errors and leave the
//! database as it was, and an import killed mid-way leaves nothing behind.

// Test code throughout, helpers included: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

use chrono::{DateTime, Utc};
use haoping_core::db::Connection;
use haoping_core::intake::{self, ImportOptions, ImportReport, RejectCode};
use haoping_core::storage;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/data")).join(name)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-20T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn opts() -> ImportOptions {
    ImportOptions {
        shop: "测试店".into(),
        ..Default::default()
    }
}

fn import_with(
    conn: &mut Connection,
    path: &Path,
    o: &ImportOptions,
) -> haoping_core::Result<ImportReport> {
    intake::import(conn, path, o, now(), &mut |_| true)
}

fn import(conn: &mut Connection, path: &Path) -> ImportReport {
    import_with(conn, path, &opts()).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn fresh_db(dir: &Path) -> Connection {
    storage::open(&dir.join("haoping.db")).unwrap()
}

fn scalar(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Counts and sums over everything an import writes: equal snapshots mean an
/// unchanged database.
fn snapshot(conn: &Connection) -> Vec<i64> {
    [
        "SELECT count(*) FROM cases",
        "SELECT coalesce(sum(id), 0) FROM cases",
        "SELECT coalesce(sum(length(review_text) + stars + length(coalesce(seller_reply, ''))), 0) FROM cases",
        "SELECT count(*) FROM case_events",
        "SELECT coalesce(sum(count), 0) FROM review_stats",
        "SELECT count(*) FROM review_stats",
        "SELECT count(*) FROM intake_reviews",
        "SELECT count(*) FROM intake_imports",
    ]
    .iter()
    .map(|q| scalar(conn, q))
    .collect()
}

struct Expect {
    file: &'static str,
    rows: u64,
    preset: &'static str,
    encoding: &'static str,
    /// New cases at the default threshold (≤ 3 stars), when the README states it.
    cases: Option<u64>,
    /// README's count at 1–2 stars: cases + rejected rows at threshold 2.
    low: Option<u64>,
}

const FILES: &[Expect] = &[
    Expect {
        file: "zh-online-shopping-10-cats.csv",
        rows: 62_774,
        preset: "online_shopping_10_cats",
        encoding: "UTF-8",
        cases: Some(31_046),
        low: None,
    },
    Expect {
        file: "zh-online-shopping-neg600.gbk.csv",
        rows: 600,
        preset: "online_shopping_zh",
        encoding: "GBK",
        cases: Some(600),
        low: None,
    },
    Expect {
        file: "zh-waimai-10k.csv",
        rows: 11_987,
        preset: "waimai",
        encoding: "UTF-8",
        cases: Some(7_987),
        low: None,
    },
    Expect {
        file: "zh-dianping-asap-train-sample.csv",
        rows: 100,
        preset: "dianping",
        encoding: "UTF-8",
        cases: None,
        low: None,
    },
    Expect {
        file: "zh-dianping-asap-dev-sample.csv",
        rows: 100,
        preset: "dianping",
        encoding: "UTF-8",
        cases: None,
        low: None,
    },
    Expect {
        file: "zh-dianping-asap-test-sample.csv",
        rows: 100,
        preset: "dianping",
        encoding: "UTF-8",
        cases: None,
        low: None,
    },
    Expect {
        file: "en-amazon-alexa.tsv",
        rows: 3_150,
        preset: "amazon_alexa",
        encoding: "UTF-8",
        cases: None,
        low: Some(257),
    },
    Expect {
        file: "en-womens-clothing-reviews.csv",
        rows: 23_486,
        preset: "womens_clothing",
        encoding: "UTF-8",
        cases: None,
        low: Some(2_407),
    },
];

#[test]
fn every_shared_file_imports_with_the_right_counts_and_reimports_add_nothing() {
    for e in FILES {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = fresh_db(dir.path());
        let path = data(e.file);
        let r = import(&mut conn, &path);
        assert_eq!(r.rows_read, e.rows, "{}", e.file);
        assert_eq!(r.preset.as_deref(), Some(e.preset), "{}", e.file);
        assert_eq!(r.encoding, e.encoding, "{}", e.file);
        assert_eq!(
            r.new + r.stats_only + r.rejected_total,
            e.rows,
            "{}",
            e.file
        );
        assert_eq!(r.duplicates + r.updated, 0, "{}", e.file);
        if let Some(c) = e.cases {
            assert_eq!(r.new, c, "{}", e.file);
            assert_eq!(r.rejected_total, 0, "{}", e.file);
        }
        // Only reviews without text below the threshold are turned away.
        assert!(
            r.rejected.iter().all(|x| x.code == RejectCode::MissingText),
            "{}: {:?}",
            e.file,
            r.rejected.first()
        );
        assert_eq!(
            scalar(&conn, "SELECT count(*) FROM cases") as u64,
            r.new,
            "{}",
            e.file
        );
        assert_eq!(
            scalar(&conn, "SELECT sum(count) FROM review_stats") as u64,
            r.new + r.stats_only,
            "{}: every accepted review counted once",
            e.file
        );
        assert_eq!(
            scalar(&conn, "SELECT count(*) FROM cases WHERE stars > 3"),
            0,
            "{}",
            e.file
        );

        let before = snapshot(&conn);
        let again = import(&mut conn, &path);
        assert_eq!((again.new, again.updated), (0, 0), "{}", e.file);
        assert_eq!(again.duplicates, r.new + r.stats_only, "{}", e.file);
        let mut after = snapshot(&conn);
        assert_eq!(
            after.pop(),
            before.last().map(|n| n + 1),
            "{}: import logged",
            e.file
        );
        assert_eq!(
            after[..],
            before[..before.len() - 1],
            "{}: re-import adds nothing",
            e.file
        );

        if let Some(low) = e.low {
            let two = import_with(
                &mut fresh_db(tempfile::tempdir().unwrap().path()),
                &path,
                &ImportOptions {
                    max_case_stars: 2,
                    dry_run: true,
                    ..opts()
                },
            )
            .unwrap();
            assert_eq!(
                two.new + two.rejected_total,
                low,
                "{}: 1–2★ per README",
                e.file
            );
        }
    }
}

#[test]
fn dataset_specifics_survive_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = fresh_db(dir.path());
    import(&mut conn, &data("zh-online-shopping-10-cats.csv"));
    // Stray U+FEFF at the start of 20 fields is gone.
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM cases WHERE instr(review_text, char(65279)) > 0"
        ),
        0
    );
    // Ten categories became ten products.
    assert_eq!(
        scalar(&conn, "SELECT count(DISTINCT product) FROM review_stats"),
        10
    );
    // The GBK/CRLF copy holds 600 of the same negatives: all recognised.
    let gbk = import(&mut conn, &data("zh-online-shopping-neg600.gbk.csv"));
    assert_eq!((gbk.new, gbk.duplicates), (0, 600));

    let mut conn = fresh_db(tempfile::tempdir().unwrap().path());
    import(&mut conn, &data("zh-dianping-asap-dev-sample.csv"));
    assert!(
        scalar(
            &conn,
            "SELECT count(*) FROM cases WHERE review_text LIKE '%\\n%' ESCAPE '!'"
        ) == 0,
        "literal \\n turned into line breaks"
    );

    let mut conn = fresh_db(tempfile::tempdir().unwrap().path());
    import(&mut conn, &data("en-womens-clothing-reviews.csv"));
    // Quoted fields with embedded line breaks stay whole.
    assert!(
        scalar(
            &conn,
            "SELECT count(*) FROM cases WHERE review_text LIKE '%' || char(10) || '%'"
        ) > 0
    );
    let product: String = conn
        .query_row("SELECT product FROM cases ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(
        product.contains(" · "),
        "class name · clothing id: {product}"
    );

    let mut conn = fresh_db(tempfile::tempdir().unwrap().path());
    import(&mut conn, &data("en-amazon-alexa.tsv"));
    let day: String = conn
        .query_row("SELECT min(day) FROM review_stats", [], |r| r.get(0))
        .unwrap();
    assert!(
        day.starts_with("2018-"),
        "31-Jul-18 style dates read: {day}"
    );
    assert_eq!(
        scalar(
            &conn,
            "SELECT count(*) FROM cases WHERE platform <> 'amazon'"
        ),
        0
    );
}

/// A copy of `src` with `edit` applied to its bytes.
fn damaged(dir: &Path, name: &str, src: &str, edit: impl FnOnce(Vec<u8>) -> Vec<u8>) -> PathBuf {
    let bytes = std::fs::read(data(src)).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, edit(bytes)).unwrap();
    p
}

fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let mut sheet = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>",
    );
    for (r, row) in rows.iter().enumerate() {
        sheet.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            let col = (b'A' + c as u8) as char;
            let v = v
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            sheet.push_str(&format!(
                "<c r=\"{col}{}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{v}</t></is></c>",
                r + 1
            ));
        }
        sheet.push_str("</row>");
    }
    sheet.push_str("</sheetData></worksheet>");
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
    let files = [
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", format!("{rels}<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>".to_string()),
        ("xl/_rels/workbook.xml.rels", format!("{rels}<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in files {
        zip.start_file(name, o).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

/// The waimai reviews as spreadsheet rows; rows with quotes are left out, so that a
/// plain split reads them exactly as a CSV parser does.
fn waimai_rows() -> Vec<Vec<String>> {
    std::fs::read_to_string(data("zh-waimai-10k.csv"))
        .unwrap()
        .lines()
        .filter(|l| !l.contains('"'))
        .map(|l| {
            let (a, b) = l.split_once(',').unwrap();
            vec![a.to_string(), b.to_string()]
        })
        .collect()
}

#[test]
fn excel_copy_of_real_data_imports_like_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("waimai.xlsx");
    let rows = waimai_rows();
    let n = rows.len() as u64 - 1;
    assert!(n > 9_000);
    write_xlsx(&f, &rows);
    let mut conn = fresh_db(dir.path());
    let r = import(&mut conn, &f);
    assert_eq!(r.preset.as_deref(), Some("waimai"));
    assert_eq!(
        (r.rows_read, r.new + r.stats_only, r.rejected_total),
        (n, n, 0)
    );
    // The CSV holds the same reviews, and the quoted ones besides.
    let csv = import(&mut conn, &data("zh-waimai-10k.csv"));
    assert_eq!(csv.duplicates, n);
    assert_eq!(csv.new + csv.stats_only, 11_987 - n);
}

#[test]
fn damaged_copies_give_clear_errors_and_leave_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = fresh_db(dir.path());
    import(&mut conn, &data("zh-waimai-10k.csv"));
    import(&mut conn, &data("en-womens-clothing-reviews.csv"));
    let before = snapshot(&conn);
    let unchanged = |conn: &Connection, what: &str, logged: i64| {
        let mut now = snapshot(conn);
        let imports = now.pop().unwrap();
        assert_eq!(
            imports,
            before[before.len() - 1] + logged,
            "{what}: import log"
        );
        assert_eq!(
            now[..],
            before[..before.len() - 1],
            "{what}: database unchanged"
        );
    };

    // Truncated workbook.
    let x = dir.path().join("w.xlsx");
    write_xlsx(&x, &waimai_rows()[..3000]);
    let bytes = std::fs::read(&x).unwrap();
    let cut = dir.path().join("cut.xlsx");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let e = import_with(&mut conn, &cut, &opts()).unwrap_err();
    assert_eq!(e.code(), "intake.bad_workbook", "{e}");
    unchanged(&conn, "truncated xlsx", 0);

    // Truncated CSV, cut inside a quoted review: the cut row is rejected, not used to
    // shorten the stored review.
    let womens = std::fs::read(data("en-womens-clothing-reviews.csv")).unwrap();
    let half = womens.len() / 2;
    let cut_at = half + womens[half..].windows(3).position(|w| w == b"dre").unwrap();
    let f = damaged(
        dir.path(),
        "cut.csv",
        "en-womens-clothing-reviews.csv",
        |b| b[..cut_at].to_vec(),
    );
    let r = import(&mut conn, &f);
    assert_eq!(r.new + r.updated, 0);
    assert!(
        r.rejected.iter().any(|x| x.code == RejectCode::Truncated),
        "{:?}",
        r.rejected.last()
    );
    unchanged(&conn, "truncated csv", 1);

    // Binary junk.
    let junk: Vec<u8> = (0..200_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let f = dir.path().join("junk.csv");
    std::fs::write(&f, &junk).unwrap();
    assert_eq!(
        import_with(&mut conn, &f, &opts()).unwrap_err().code(),
        "intake.binary_file"
    );
    // Junk in the middle of a good file: those rows are rejected with their numbers.
    let f = damaged(dir.path(), "holed.csv", "zh-waimai-10k.csv", |mut b| {
        let at = b.len() / 2;
        b[at..at + 4096].copy_from_slice(&junk[..4096]);
        b
    });
    let r = import(&mut conn, &f);
    assert_eq!(r.new + r.updated, 0);
    assert!(
        r.rejected_total > 0 && r.rejected_total < 200,
        "{}",
        r.rejected_total
    );
    assert!(r.rejected.iter().all(|x| x.row > 5000 && x.row < 7000));
    unchanged(&conn, "junk inside", 2);
    // Empty file.
    let f = dir.path().join("empty.csv");
    std::fs::write(&f, b"").unwrap();
    assert_eq!(
        import_with(&mut conn, &f, &opts()).unwrap_err().code(),
        "intake.empty_file"
    );

    // Wrong encoding: GBK rows after a UTF-8 start.
    let f = damaged(dir.path(), "mixed.csv", "zh-waimai-10k.csv", |b| {
        let text = String::from_utf8(b).unwrap();
        let (head, tail) = text.split_at(text.char_indices().nth(2000).unwrap().0);
        let mut out = head.as_bytes().to_vec();
        out.extend_from_slice(&encoding_rs::GBK.encode(tail).0);
        out
    });
    let e = import_with(&mut conn, &f, &opts()).unwrap_err();
    assert_eq!(e.code(), "intake.mixed_encoding", "{e}");
    // Past the part looked at first: GBK rows after 300 kB of UTF-8 are refused row by
    // row, and the file as a whole when most of it is unreadable.
    let f = damaged(dir.path(), "late.csv", "zh-waimai-10k.csv", |b| {
        let text = String::from_utf8(b).unwrap();
        let (head, tail) = text.split_at(text.char_indices().nth(120_000).unwrap().0);
        let mut out = head.as_bytes().to_vec();
        out.extend_from_slice(&encoding_rs::GBK.encode(tail).0);
        out
    });
    let e = import_with(&mut conn, &f, &opts()).unwrap_err();
    assert_eq!(e.code(), "intake.wrong_encoding", "{e}");
    // The GBK file read as UTF-8 because the owner said so.
    let e = import_with(
        &mut conn,
        &data("zh-online-shopping-neg600.gbk.csv"),
        &ImportOptions {
            encoding: Some("utf-8".into()),
            ..opts()
        },
    )
    .unwrap_err();
    assert_eq!(e.code(), "intake.unknown_layout", "{e}");
    unchanged(&conn, "wrong encoding", 2);
}

// ------------------------------------------------------------ separate processes

const CHILD: &str = "HAOPING_INTAKE_CHILD";
const CHILD_DB: &str = "HAOPING_INTAKE_DB";
const CHILD_FILE: &str = "HAOPING_INTAKE_FILE";
const CHILD_ABORT_AT: &str = "HAOPING_INTAKE_ABORT_AT";

/// Runs `child_process_entry` of this same test binary in a new process.
fn spawn_child(role: &str, db: &Path, file: &Path) -> std::process::Output {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_process_entry",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, role)
        .env(CHILD_DB, db)
        .env(CHILD_FILE, file)
        .env(CHILD_ABORT_AT, "125548")
        .output()
        .unwrap()
}

fn peak_memory_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// Not a test on its own: the body of the child processes the tests below start.
#[test]
#[ignore = "run by the crash and memory tests in a child process"]
fn child_process_entry() {
    let Ok(role) = std::env::var(CHILD) else {
        return;
    };
    let db_path = PathBuf::from(std::env::var(CHILD_DB).unwrap());
    let file = PathBuf::from(std::env::var(CHILD_FILE).unwrap());
    let mut conn = storage::open(&db_path).unwrap();
    match role.as_str() {
        "kill" => {
            let wal = db_path.with_extension("db-wal");
            // The last report comes after every row is written, just before the commit:
            // the moment with the most at stake.
            let abort_at: u64 = std::env::var(CHILD_ABORT_AT).unwrap().parse().unwrap();
            intake::import(&mut conn, &file, &opts(), now(), &mut |p| {
                if p.rows_done >= abort_at {
                    let wal_bytes = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
                    eprintln!(
                        "aborting at {} rows ({} new), wal {wal_bytes} bytes",
                        p.rows_done, p.new
                    );
                    std::process::abort();
                }
                true
            })
            .unwrap();
            eprintln!("import finished without being killed");
        }
        "huge" => {
            let r = intake::import(&mut conn, &file, &opts(), now(), &mut |_| true).unwrap();
            println!(
                "RESULT rows={} new={} rejected={} code={} row={} hwm_kb={}",
                r.rows_read,
                r.new,
                r.rejected_total,
                r.rejected.first().map(|x| x.code.as_str()).unwrap_or("-"),
                r.rejected.first().map(|x| x.row).unwrap_or(0),
                peak_memory_kb()
            );
        }
        other => panic!("unknown child role {other}"),
    }
}

#[test]
fn an_import_killed_mid_way_leaves_the_database_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("haoping.db");
    let before = {
        let mut conn = storage::open(&db_path).unwrap();
        import(&mut conn, &data("zh-waimai-10k.csv"));
        snapshot(&conn)
    };
    // Twice the 10-category file (the copy under other product names): more than the
    // import's page cache holds, so pages reach the disk before the commit.
    let doubled = dir.path().join("doubled.csv");
    {
        let text = std::fs::read_to_string(data("zh-online-shopping-10-cats.csv")).unwrap();
        let mut w = std::io::BufWriter::new(std::fs::File::create(&doubled).unwrap());
        let mut lines = text.lines();
        writeln!(w, "{}", lines.next().unwrap()).unwrap();
        for line in lines {
            let (cat, rest) = line.split_once(',').unwrap();
            writeln!(w, "{line}\n{cat}·二,{rest}").unwrap();
        }
    }
    let out = spawn_child("kill", &db_path, &doubled);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the child must die: {stderr}");
    assert!(
        stderr.contains("aborting at 125548 rows (62092 new)"),
        "{stderr}"
    );
    let wal: u64 = stderr
        .split("wal ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(wal > 0, "the killed import had written to disk");

    let mut conn = storage::open(&db_path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    assert_eq!(
        snapshot(&conn),
        before,
        "nothing of the killed import remains"
    );
    let r = import(&mut conn, &data("zh-online-shopping-10-cats.csv"));
    assert_eq!(r.new, 31_046, "the same import then runs through");
}

#[test]
fn a_50_mb_field_is_rejected_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("huge.csv");
    {
        let mut w = std::io::BufWriter::new(std::fs::File::create(&f).unwrap());
        w.write_all(&std::fs::read(data("zh-waimai-10k.csv")).unwrap())
            .unwrap();
        w.write_all("0,\"".as_bytes()).unwrap();
        let chunk = "太难吃了".repeat(1024);
        for _ in 0..(50 * 1024 * 1024 / chunk.len()) {
            w.write_all(chunk.as_bytes()).unwrap();
        }
        w.write_all("\"\n0,\"送餐慢，汤洒了\"\n".as_bytes())
            .unwrap();
    }
    assert!(std::fs::metadata(&f).unwrap().len() > 50 * 1024 * 1024);
    let out = spawn_child("huge", &dir.path().join("h.db"), &f);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // libtest prints the test name on the same line, before the child's output.
    let line = stdout
        .lines()
        .find_map(|l| l.find("RESULT").map(|i| &l[i..]))
        .unwrap_or_else(|| panic!("no result from the child: {stdout}"));
    let field = |k: &str| {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{k}=")))
            .unwrap()
            .to_string()
    };
    assert_eq!(field("rows"), "11989");
    assert_eq!(
        field("new"),
        "7988",
        "the row after the giant one still imports"
    );
    assert_eq!(field("rejected"), "1");
    assert_eq!(field("code"), "field_too_long");
    assert_eq!(field("row"), "11989");
    let hwm: u64 = field("hwm_kb").parse().unwrap();
    assert!(
        hwm < 100 * 1024,
        "peak memory {hwm} kB: the field must not be buffered"
    );
}

#[test]
fn an_unknown_real_layout_is_read_by_the_suggested_mapping() {
    // The Amazon musical-instruments file matches no preset: its columns are found by
    // their names (overall, reviewText, summary, unixReviewTime, asin, reviewerName).
    let path = data("en-amazon-musical-instruments.csv");
    let dir = tempfile::tempdir().unwrap();
    let mut conn = fresh_db(dir.path());
    let p = intake::preview(&conn, &path, &opts(), now()).unwrap();
    assert_eq!(p.mapping_source, intake::MappingSource::Suggested);
    intake::check_mapping(&p.mapping, &p.headers).unwrap();
    let col = |f| p.mapping.columns_for(f).collect::<Vec<_>>();
    assert_eq!(col(intake::CaseField::Rating), ["overall"]);
    assert_eq!(col(intake::CaseField::ReviewTime), ["unixReviewTime"]);
    assert_eq!(col(intake::CaseField::Product), ["asin"]);
    let r = import_with(
        &mut conn,
        &path,
        &ImportOptions {
            mapping: Some(p.mapping.clone()),
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(r.rows_read, 5_050, "per the data README");
    assert!(r.new > 0 && r.stats_only > r.new, "{r:?}");
    assert_eq!(r.new + r.stats_only + r.rejected_total, r.rows_read);
    assert!(
        r.rejected.iter().all(|x| x.code == RejectCode::MissingText),
        "{:?}",
        r.rejected.first()
    );
    assert!(!r.warnings.contains(&"mapping.no_time".to_string()));
    let low = import_with(
        &mut fresh_db(tempfile::tempdir().unwrap().path()),
        &path,
        &ImportOptions {
            mapping: Some(p.mapping.clone()),
            max_case_stars: 2,
            dry_run: true,
            ..opts()
        },
    )
    .unwrap();
    assert_eq!(
        low.new + low.rejected_total,
        199,
        "1–2★ per the data README"
    );
}
