//! The appeal packet: one zip with a summary text (case, review, reason, timeline,
//! evidence list with hashes) and every evidence file, for uploading to the platform or
//! handing to someone. Buyers' phone numbers never go in (PIPL): the summary leaves the
//! phone field out and masks mobile numbers found in notes.

use super::evidence::{absolute, hex, human_size, list_evidence, HashingReader};
use super::model::PacketReport;
use super::store::get_appeal;
use crate::cases::{self, mask_phone, Case, CaseEvent, Platform, Tz};
use crate::common::Lang;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Datelike, Timelike, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

pub const SUMMARY_NAME: &str = "summary.txt";

fn zip_err(e: zip::result::ZipError) -> CoreError {
    CoreError::Io(io::Error::other(e))
}

fn platform_name(p: Platform, en: bool) -> &'static str {
    use Platform::*;
    match (p, en) {
        (Taobao, false) => "淘宝",
        (Taobao, true) => "Taobao",
        (Tmall, false) => "天猫",
        (Tmall, true) => "Tmall",
        (Jd, false) => "京东",
        (Jd, true) => "JD",
        (Pinduoduo, false) => "拼多多",
        (Pinduoduo, true) => "Pinduoduo",
        (Douyin, false) => "抖音",
        (Douyin, true) => "Douyin",
        (Meituan, false) => "美团",
        (Meituan, true) => "Meituan",
        (Amazon, _) => "Amazon",
        (Shopify, _) => "Shopify",
        (Other, false) => "其他",
        (Other, true) => "other",
    }
}

/// Masks mainland mobile numbers (11 digits starting with 1) standing on their own;
/// longer digit runs such as order numbers are left as they are.
pub fn mask_mobiles(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            if run.len() == 11 && run.starts_with('1') {
                out.push_str(&mask_phone(&run));
            } else {
                out.push_str(&run);
            }
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A file name that is safe as a zip entry on every OS.
fn entry_name(index: usize, file_name: &str) -> String {
    let clean: String = file_name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.').trim();
    let clean: String = if clean.is_empty() {
        "file".to_string()
    } else {
        clean
            .chars()
            .rev()
            .take(100)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect()
    };
    format!("evidence/{:02}-{clean}", index + 1)
}

/// Already compressed formats are stored as they are; text-like files are deflated.
fn method_for(media_type: &str) -> CompressionMethod {
    let compressed = media_type.starts_with("image/")
        || media_type.starts_with("audio/")
        || media_type.starts_with("video/")
        || media_type == "application/pdf"
        || media_type == "application/zip"
        || media_type.contains("openxmlformats");
    if compressed {
        CompressionMethod::Stored
    } else {
        CompressionMethod::Deflated
    }
}

fn zip_time(t: DateTime<Utc>, tz: Tz) -> zip::DateTime {
    let l = t.with_timezone(&tz);
    u16::try_from(l.year())
        .ok()
        .and_then(|y| {
            zip::DateTime::from_date_and_time(
                y,
                l.month() as u8,
                l.day() as u8,
                l.hour() as u8,
                l.minute() as u8,
                l.second() as u8,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// A partly written packet that disappears unless it is finished.
struct Partial {
    path: PathBuf,
    done: bool,
}

impl Drop for Partial {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_file(&self.path);
        }
    }
}

struct Summary<'a> {
    case: &'a Case,
    history: &'a [CaseEvent],
    appeal: &'a super::model::Appeal,
    evidence: &'a [(String, super::model::Evidence)],
    lang: Lang,
    tz: Tz,
    now: DateTime<Utc>,
}

impl Summary<'_> {
    fn time(&self, t: DateTime<Utc>) -> String {
        t.with_timezone(&self.tz)
            .format("%Y-%m-%d %H:%M")
            .to_string()
    }

    fn render(&self) -> String {
        let en = self.lang.is_en();
        let c = self.case;
        let a = self.appeal;
        let l = |zh: &'static str, e: &'static str| if en { e } else { zh };
        let dash = "-".to_string();
        let mut s = String::new();
        let mut line = |text: String| {
            s.push_str(&text);
            s.push('\n');
        };
        line(format!(
            "{} · {} #{}",
            l("申诉材料", "Appeal packet"),
            l("案例", "case"),
            c.id
        ));
        line(format!(
            "{}: {} ({})",
            l("生成时间", "Generated"),
            self.time(self.now),
            self.tz.name()
        ));
        line(String::new());
        line(format!("[{}]", l("评价", "Review")));
        line(format!(
            "{}: {}    {}: {}",
            l("平台", "Platform"),
            platform_name(c.platform, en),
            l("店铺", "Shop"),
            c.shop
        ));
        line(format!(
            "{}: {}    {}: {}",
            l("订单号", "Order"),
            c.order_id.as_ref().unwrap_or(&dash),
            l("评价编号", "Review id"),
            c.review_id.as_ref().unwrap_or(&dash)
        ));
        line(format!("{}: {}", l("商品", "Product"), c.product));
        line(format!(
            "{}: {}",
            l("买家", "Buyer"),
            c.buyer_nick.as_ref().unwrap_or(&dash)
        ));
        line(format!(
            "{}: {}★    {}: {}",
            l("评分", "Stars"),
            c.stars,
            l("评价时间", "Reviewed"),
            self.time(c.review_time)
        ));
        line(format!("{}:", l("评价内容", "Text")));
        for t in mask_mobiles(&c.review_text).lines() {
            line(format!("  {t}"));
        }
        if let Some(f) = &c.follow_up_text {
            line(format!("{}:", l("追评", "Follow-up")));
            for t in mask_mobiles(f).lines() {
                line(format!("  {t}"));
            }
        }
        line(String::new());
        line(format!("[{}]", l("申诉", "Appeal")));
        line(format!(
            "{}: {}",
            l("理由", "Reason"),
            a.reason.label(self.lang)
        ));
        line(format!(
            "{}: {}",
            l("状态", "Status"),
            a.status.label(self.lang)
        ));
        line(format!(
            "{}: {}",
            l("提交截止", "Submit by"),
            self.time(a.deadline_at)
        ));
        if let Some(t) = a.submitted_at {
            line(format!("{}: {}", l("提交时间", "Submitted"), self.time(t)));
        }
        if let Some(t) = a.decided_at {
            line(format!("{}: {}", l("处理时间", "Decided"), self.time(t)));
        }
        if let Some(r) = &a.reference {
            line(format!("{}: {r}", l("平台申诉单号", "Platform reference")));
        }
        if !a.note.is_empty() {
            line(format!(
                "{}: {}",
                l("说明", "Statement"),
                mask_mobiles(&a.note)
            ));
        }
        if !a.outcome_note.is_empty() {
            line(format!(
                "{}: {}",
                l("处理结果", "Outcome"),
                mask_mobiles(&a.outcome_note)
            ));
        }
        line(String::new());
        line(format!(
            "[{}] {}",
            l("证据清单", "Evidence"),
            if en {
                format!("{} file(s)", self.evidence.len())
            } else {
                format!("共 {} 个文件", self.evidence.len())
            }
        ));
        for (i, (entry, e)) in self.evidence.iter().enumerate() {
            line(format!(
                "{}. {}  {}  {}: {}",
                i + 1,
                e.file_name,
                human_size(e.size_bytes),
                l("添加于", "added"),
                self.time(e.added_at)
            ));
            line(format!("   SHA-256: {}", e.sha256));
            line(format!("   {}: {entry}", l("包内文件", "in this zip")));
        }
        line(String::new());
        line(format!("[{}]", l("时间线", "Timeline")));
        for ev in self.history {
            let mut t = format!("{}  {:<16}", self.time(ev.at), ev.kind);
            if let Some(f) = &ev.field {
                t.push_str(&format!(" {f}"));
            }
            let values = ev.values_text();
            if !values.is_empty() {
                t.push_str(&format!(": {values}"));
            }
            if let Some(n) = &ev.note {
                t.push_str(&format!("  ({n})"));
            }
            line(mask_mobiles(&t));
        }
        s
    }
}

/// Writes the appeal's packet to `dest` (a `.zip` path). The zip is assembled beside it
/// and renamed into place, so `dest` is either the whole packet or untouched. Each
/// evidence file is re-hashed while it is packed; a stored copy that no longer matches
/// its hash stops the export.
pub fn export_packet(
    conn: &Connection,
    data_dir: &Path,
    appeal_id: i64,
    dest: &Path,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<PacketReport> {
    let appeal = get_appeal(conn, appeal_id, now)?;
    let case = cases::get(conn, appeal.case_id)?;
    let history = cases::history(conn, appeal.case_id)?;
    let tz: Tz = case.buyer_tz.parse().unwrap_or(Tz::Asia__Shanghai);
    let evidence: Vec<(String, super::model::Evidence)> = list_evidence(conn, appeal_id)?
        .into_iter()
        .enumerate()
        .map(|(i, e)| (entry_name(i, &e.file_name), e))
        .collect();
    let summary = Summary {
        case: &case,
        history: &history,
        appeal: &appeal,
        evidence: &evidence,
        lang,
        tz,
        now,
    }
    .render();

    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)?;
    }
    let mut part_name = dest.as_os_str().to_owned();
    part_name.push(".part");
    let mut partial = Partial {
        path: PathBuf::from(part_name),
        done: false,
    };
    let mut zip = zip::ZipWriter::new(io::BufWriter::new(File::create(&partial.path)?));
    let stamp = zip_time(now, tz);
    let text_opts = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(stamp);
    let mut entries = vec![SUMMARY_NAME.to_string()];
    zip.start_file(SUMMARY_NAME, text_opts).map_err(zip_err)?;
    zip.write_all(summary.as_bytes())?;

    for (entry, e) in &evidence {
        let path = absolute(data_dir, &e.stored_path);
        let file = File::open(&path).map_err(|err| {
            CoreError::validation(
                "validation.file_missing",
                "file",
                format!(
                    "the stored copy of {} cannot be opened ({}): {err}",
                    e.file_name,
                    path.display()
                ),
            )
        })?;
        let opts = SimpleFileOptions::default()
            .compression_method(method_for(&e.media_type))
            .last_modified_time(zip_time(e.added_at, tz));
        zip.start_file(entry.as_str(), opts).map_err(zip_err)?;
        let mut reader = HashingReader {
            inner: file,
            hasher: Sha256::new(),
        };
        io::copy(&mut reader, &mut zip)?;
        let actual = hex(&reader.hasher.finalize());
        if actual != e.sha256 {
            return Err(CoreError::validation(
                "validation.evidence_changed",
                "file",
                format!(
                    "the stored copy of {} changed since it was attached (sha256 {} ≠ {})",
                    e.file_name,
                    &actual[..12],
                    &e.sha256[..12]
                ),
            ));
        }
        entries.push(entry.clone());
    }
    let out = zip.finish().map_err(zip_err)?;
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    drop(file);
    fs::rename(&partial.path, dest)?;
    partial.done = true;
    Ok(PacketReport {
        path: dest.display().to_string(),
        entries,
        bytes: fs::metadata(dest)?.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_mobiles_but_not_order_numbers() {
        assert_eq!(
            mask_mobiles("电话13812345678，订单 2024112012345678901"),
            "电话138******78，订单 2024112012345678901"
        );
        assert_eq!(mask_mobiles("call 1381234567"), "call 1381234567");
    }

    #[test]
    fn entry_names_are_safe() {
        assert_eq!(entry_name(0, "聊天截图.png"), "evidence/01-聊天截图.png");
        assert_eq!(
            entry_name(9, "../../etc/passwd"),
            "evidence/10-_.._etc_passwd"
        );
        assert_eq!(entry_name(1, "..."), "evidence/02-file");
        assert_eq!(method_for("image/png"), CompressionMethod::Stored);
        assert_eq!(method_for("text/plain"), CompressionMethod::Deflated);
    }
}
