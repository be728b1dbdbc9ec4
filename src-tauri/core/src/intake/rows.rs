//! From records to reviews: finding the header row, naming the columns, and turning
//! each record into a checked review or a rejection with its reason.

use super::model::{CaseField, ColumnMapping, RejectCode, RejectedRow};
use super::presets::{self, norm};
use super::records::RawRecord;
use super::values;
use crate::cases::Platform;
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

/// How many leading records are looked at to find the header row.
pub(crate) const LAYOUT_ROWS: usize = 20;
const HEADER_SEARCH: usize = 10;
const MAX_TEXT_CHARS: usize = 20_000;
const MAX_PRODUCT_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    /// Index among the sampled records of the header (None: no header row).
    pub header_index: Option<usize>,
    pub header_row: u64,
    pub headers: Vec<String>,
}

fn looks_like_header(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells
        .iter()
        .map(|c| c.trim())
        .filter(|c| !c.is_empty())
        .collect();
    if filled.is_empty() || filled.len() * 2 < cells.len() {
        return false;
    }
    let mut seen = std::collections::HashSet::new();
    filled.iter().all(|c| {
        c.chars().count() <= 40
            && c.parse::<f64>().is_err()
            && values::parse_when(c, chrono_tz::UTC).is_none()
            && seen.insert(norm(c))
    })
}

/// Column names for the header cells: empty ones are called `Column N`, repeated ones
/// get their position appended, so every column has a distinct name to map.
pub(crate) fn name_columns(cells: &[String], width: usize) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(width);
    for i in 0..width.max(cells.len()) {
        let raw = cells.get(i).map(|c| c.trim()).unwrap_or("");
        let mut name = if raw.is_empty() {
            format!("Column {}", i + 1)
        } else {
            raw.to_string()
        };
        if names.contains(&name) {
            name = format!("{name} ({})", i + 1);
        }
        names.push(name);
    }
    names
}

/// Finds the header among the first records: the row naming the most known fields (a
/// title line above it is skipped), else a first row of distinct short labels, else
/// none (columns are then numbered).
pub(crate) fn detect_layout(sample: &[RawRecord]) -> Layout {
    let width = sample.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let best = sample
        .iter()
        .take(HEADER_SEARCH)
        .enumerate()
        .map(|(i, r)| (presets::header_score(&r.cells), i))
        .max_by_key(|(score, i)| (*score, std::cmp::Reverse(*i)));
    let header_index = match best {
        Some((score, i)) if score >= 2 => Some(i),
        _ => sample
            .first()
            .filter(|r| r.cells.len() > 1 && looks_like_header(&r.cells))
            .map(|_| 0),
    };
    match header_index {
        Some(i) => Layout {
            header_index: Some(i),
            header_row: sample[i].row,
            headers: name_columns(&sample[i].cells, width),
        },
        None => Layout {
            header_index: None,
            header_row: 0,
            headers: name_columns(&[], width),
        },
    }
}

/// A record read as a review, checked and ready to store.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ReviewRow {
    pub row: u64,
    pub review_id: Option<String>,
    pub order_id: Option<String>,
    pub buyer_nick: Option<String>,
    pub product: String,
    pub stars: u8,
    pub review_text: String,
    pub review_time: DateTime<Utc>,
    /// False when the file has no time for this review (the import time stands in).
    pub time_known: bool,
    pub seller_reply: Option<String>,
    pub follow_up_text: Option<String>,
    pub order_value_cents: Option<i64>,
    pub has_photos: bool,
}

/// A mapping bound to one file's columns.
#[derive(Debug, Clone)]
pub(crate) struct Mapper {
    pub mapping: ColumnMapping,
    headers: Vec<String>,
    columns: Vec<(CaseField, Vec<usize>)>,
    tz: Tz,
    now: DateTime<Utc>,
    max_case_stars: u8,
}

impl Mapper {
    /// Binds `mapping` to `headers`; the errors are mapping problem codes.
    pub fn new(
        mapping: &ColumnMapping,
        headers: &[String],
        now: DateTime<Utc>,
        max_case_stars: u8,
    ) -> Result<Self, Vec<String>> {
        let mut errors = Vec::new();
        let mut columns: Vec<(CaseField, Vec<usize>)> = Vec::new();
        for fc in &mapping.fields {
            let idx = headers
                .iter()
                .position(|h| h == &fc.column)
                .or_else(|| headers.iter().position(|h| norm(h) == norm(&fc.column)));
            match idx {
                Some(i) => match columns.iter_mut().find(|(f, _)| *f == fc.field) {
                    Some((_, v)) => v.push(i),
                    None => columns.push((fc.field, vec![i])),
                },
                None => errors.push(format!("mapping.unknown_column:{}", fc.column)),
            }
        }
        if !mapping.has(CaseField::Rating) {
            errors.push("mapping.no_rating".into());
        }
        if !mapping.has(CaseField::ReviewText) && !mapping.has(CaseField::Title) {
            errors.push("mapping.no_text".into());
        }
        if !mapping.has(CaseField::Product) && mapping.default_product.trim().is_empty() {
            errors.push("mapping.no_product".into());
        }
        let tz: Option<Tz> = mapping.timezone.parse().ok();
        if tz.is_none() {
            errors.push(format!("mapping.bad_timezone:{}", mapping.timezone));
        }
        if !(1..=5).contains(&max_case_stars) {
            errors.push("mapping.bad_threshold".into());
        }
        match tz {
            Some(tz) if errors.is_empty() => Ok(Mapper {
                mapping: mapping.clone(),
                headers: headers.to_vec(),
                columns,
                tz,
                now,
                max_case_stars,
            }),
            _ => Err(errors),
        }
    }

    /// Things worth telling before an import that do not stop it.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if !self.mapping.has(CaseField::ReviewTime) {
            w.push("mapping.no_time".to_string());
        }
        if !self.mapping.has(CaseField::ReviewId) && !self.mapping.has(CaseField::OrderId) {
            w.push("mapping.no_identity".to_string());
        }
        w
    }

    pub fn platform(&self) -> Platform {
        self.mapping.platform
    }

    pub fn is_case(&self, stars: u8) -> bool {
        stars <= self.max_case_stars
    }

    fn value(&self, rec: &RawRecord, field: CaseField) -> Option<String> {
        let (_, idx) = self.columns.iter().find(|(f, _)| *f == field)?;
        let mut parts = idx
            .iter()
            .filter_map(|&i| rec.cells.get(i))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty());
        let first = parts.next()?;
        let mut out = first.to_string();
        for p in parts {
            out.push_str(field.joiner());
            out.push_str(p);
        }
        if self.mapping.unescape_newlines && out.contains("\\n") {
            out = out.replace("\\r\\n", "\n").replace("\\n", "\n");
        }
        Some(out)
    }

    fn reject(
        &self,
        row: u64,
        code: RejectCode,
        column: Option<String>,
        reason: String,
    ) -> RejectedRow {
        RejectedRow {
            row,
            code,
            column,
            reason,
        }
    }

    fn column_of(&self, field: CaseField) -> Option<String> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .and_then(|(_, idx)| idx.first())
            .and_then(|&i| self.headers.get(i).cloned())
    }

    fn long_text(&self, rec: &RawRecord, field: CaseField) -> Result<Option<String>, RejectedRow> {
        match self.value(rec, field) {
            Some(t) if t.chars().count() > MAX_TEXT_CHARS => Err(self.reject(
                rec.row,
                RejectCode::TextTooLong,
                self.column_of(field),
                format!(
                    "{} is longer than {MAX_TEXT_CHARS} characters",
                    field.as_str()
                ),
            )),
            other => Ok(other),
        }
    }

    /// Checks one record. Rows whose rating is above the threshold need no text.
    pub fn map(&self, rec: &RawRecord) -> Result<ReviewRow, RejectedRow> {
        let row = rec.row;
        if rec.undecodable {
            return Err(self.reject(
                row,
                RejectCode::Undecodable,
                None,
                "holds bytes that are not valid text in the file's encoding".into(),
            ));
        }
        if rec.open_quote || (rec.unterminated && rec.cells.len() < self.headers.len()) {
            return Err(self.reject(
                row,
                RejectCode::Truncated,
                None,
                "the file ends in the middle of this row: it was cut short".into(),
            ));
        }
        if let Some(i) = rec.too_long {
            let column = self.headers.get(i).cloned();
            return Err(self.reject(
                row,
                RejectCode::FieldTooLong,
                column,
                "a field is too large (over 1 MB) or the row has too many columns; a quote may be missing".into(),
            ));
        }
        let rating_text = self.value(rec, CaseField::Rating).ok_or_else(|| {
            self.reject(
                row,
                RejectCode::MissingRating,
                self.column_of(CaseField::Rating),
                "the rating is empty".into(),
            )
        })?;
        let stars = values::parse_stars(&rating_text, &self.mapping.rating).ok_or_else(|| {
            self.reject(
                row,
                RejectCode::BadRating,
                self.column_of(CaseField::Rating),
                format!("'{}' is not a rating", excerpt(&rating_text)),
            )
        })?;
        let product = self
            .value(rec, CaseField::Product)
            .unwrap_or_else(|| self.mapping.default_product.trim().to_string());
        if product.is_empty() {
            return Err(self.reject(
                row,
                RejectCode::MissingProduct,
                self.column_of(CaseField::Product),
                "no product: fill the product column or set a default product".into(),
            ));
        }
        let product = cut(&product, MAX_PRODUCT_CHARS);
        let title = self.long_text(rec, CaseField::Title)?;
        let body = self.long_text(rec, CaseField::ReviewText)?;
        let review_text = match (title, body) {
            (Some(t), Some(b)) => format!("{t}\n{b}"),
            (Some(t), None) => t,
            (None, Some(b)) => b,
            (None, None) => String::new(),
        };
        if review_text.chars().count() > MAX_TEXT_CHARS {
            return Err(self.reject(
                row,
                RejectCode::TextTooLong,
                self.column_of(CaseField::ReviewText),
                format!("the review is longer than {MAX_TEXT_CHARS} characters"),
            ));
        }
        if review_text.is_empty() && self.is_case(stars) {
            return Err(self.reject(
                row,
                RejectCode::MissingText,
                self.column_of(CaseField::ReviewText),
                "a negative review without text".into(),
            ));
        }
        let (review_time, time_known) = match self.value(rec, CaseField::ReviewTime) {
            None => (self.now, false),
            Some(t) => {
                let at = values::parse_when(&t, self.tz).ok_or_else(|| {
                    self.reject(
                        row,
                        RejectCode::BadTime,
                        self.column_of(CaseField::ReviewTime),
                        format!("'{}' is not a date and time", excerpt(&t)),
                    )
                })?;
                // A day of slack: exports in another zone must not look like the future.
                if at > self.now + Duration::days(1) {
                    return Err(self.reject(
                        row,
                        RejectCode::FutureTime,
                        self.column_of(CaseField::ReviewTime),
                        format!("'{}' is in the future", excerpt(&t)),
                    ));
                }
                (at, true)
            }
        };
        let order_id = self
            .value(rec, CaseField::OrderId)
            .map(|o| values::clean_order_id(&o));
        if let Some(o) = &order_id {
            if values::is_mangled_number(o) {
                return Err(self.reject(
                    row,
                    RejectCode::OrderIdMangled,
                    self.column_of(CaseField::OrderId),
                    format!(
                        "the order number '{o}' was shortened by Excel; export it again as text"
                    ),
                ));
            }
            if o.chars().count() > 64 {
                return Err(self.reject(
                    row,
                    RejectCode::BadValue,
                    self.column_of(CaseField::OrderId),
                    "the order number is longer than 64 characters".into(),
                ));
            }
        }
        let order_id = order_id.filter(|o| !o.is_empty());
        let review_id = self
            .value(rec, CaseField::ReviewId)
            .map(|r| values::clean_order_id(&r));
        if review_id.as_ref().is_some_and(|r| r.chars().count() > 128) {
            return Err(self.reject(
                row,
                RejectCode::BadValue,
                self.column_of(CaseField::ReviewId),
                "the review id is longer than 128 characters".into(),
            ));
        }
        let seller_reply = self.long_text(rec, CaseField::SellerReply)?;
        let follow_up_text = self.long_text(rec, CaseField::FollowUpText)?;
        Ok(ReviewRow {
            row,
            review_id: review_id.filter(|r| !r.is_empty()),
            order_id,
            buyer_nick: self.value(rec, CaseField::BuyerNick).map(|n| cut(&n, 64)),
            product,
            stars,
            review_text,
            review_time,
            time_known,
            seller_reply,
            follow_up_text,
            order_value_cents: self
                .value(rec, CaseField::OrderValue)
                .and_then(|v| values::parse_cents(&v)),
            has_photos: self
                .value(rec, CaseField::Photos)
                .is_some_and(|p| values::truthy(&p)),
        })
    }
}

fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max).collect()
    }
}

fn excerpt(s: &str) -> String {
    let mut e: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        e.push('…');
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::model::{FieldColumn, RatingMap};

    fn rec(row: u64, cells: &[&str]) -> RawRecord {
        RawRecord {
            row,
            cells: cells.iter().map(|c| c.to_string()).collect(),
            ..Default::default()
        }
    }

    fn now() -> DateTime<Utc> {
        crate::clock::FixedClock::at("2024-06-01T00:00:00Z").now()
    }
    use crate::clock::Clock;

    #[test]
    fn header_row_found_below_a_title_line() {
        let sample = vec![
            rec(1, &["评价导出 2024-05-01", "", ""]),
            rec(2, &["订单编号", "评价内容", "评分"]),
            rec(3, &["123", "很差", "1"]),
        ];
        let l = detect_layout(&sample);
        assert_eq!(l.header_index, Some(1));
        assert_eq!(l.header_row, 2);
        assert_eq!(l.headers, ["订单编号", "评价内容", "评分"]);

        let numbers = vec![rec(1, &["1", "bad"]), rec(2, &["5", "good"])];
        let l = detect_layout(&numbers);
        assert_eq!(l.header_index, None);
        assert_eq!(l.headers, ["Column 1", "Column 2"]);

        let unnamed = vec![
            rec(1, &["", "Clothing ID", "Title", "Review Text", "Title"]),
            rec(2, &["0", "1", "a", "b", "c"]),
        ];
        assert_eq!(
            detect_layout(&unnamed).headers,
            [
                "Column 1",
                "Clothing ID",
                "Title",
                "Review Text",
                "Title (5)"
            ]
        );
    }

    fn mapping() -> ColumnMapping {
        let f = |field, column: &str| FieldColumn {
            field,
            column: column.into(),
        };
        ColumnMapping {
            platform: Platform::Taobao,
            fields: vec![
                f(CaseField::OrderId, "订单编号"),
                f(CaseField::ReviewText, "评价内容"),
                f(CaseField::Rating, "评分"),
                f(CaseField::ReviewTime, "评价时间"),
            ],
            rating: RatingMap::Auto,
            default_product: "保温杯".into(),
            ..Default::default()
        }
    }

    #[test]
    fn maps_and_rejects_rows_with_reasons() {
        let headers: Vec<String> = ["订单编号", "评价内容", "评分", "评价时间"]
            .map(String::from)
            .to_vec();
        let m = Mapper::new(&mapping(), &headers, now(), 3).unwrap();
        let ok = m
            .map(&rec(
                2,
                &[
                    "=\"3721845590123456789\"",
                    "漏水",
                    "差评",
                    "2024-05-03 14:22",
                ],
            ))
            .unwrap();
        assert_eq!(ok.order_id.as_deref(), Some("3721845590123456789"));
        assert_eq!(ok.stars, 1);
        assert_eq!(ok.product, "保温杯");
        assert!(ok.time_known);
        let code = |cells: &[&str]| m.map(&rec(9, cells)).unwrap_err().code;
        assert_eq!(
            code(&["1", "漏水", "", "2024-05-03"]),
            RejectCode::MissingRating
        );
        assert_eq!(
            code(&["1", "漏水", "七", "2024-05-03"]),
            RejectCode::BadRating
        );
        assert_eq!(code(&["1", "", "2", "2024-05-03"]), RejectCode::MissingText);
        assert_eq!(code(&["1", "漏水", "2", "昨天"]), RejectCode::BadTime);
        assert_eq!(
            code(&["1", "漏水", "2", "2030-01-01"]),
            RejectCode::FutureTime
        );
        assert_eq!(
            code(&["3.72185E+18", "漏水", "2", "2024-05-03"]),
            RejectCode::OrderIdMangled
        );
        let positive_without_text = m.map(&rec(3, &["1", "", "5", "2024-05-03"])).unwrap();
        assert_eq!(positive_without_text.stars, 5);
        let mut bad = rec(4, &["1", "x", "1", "2024-05-03"]);
        bad.undecodable = true;
        assert_eq!(m.map(&bad).unwrap_err().code, RejectCode::Undecodable);
        let mut long = rec(5, &["1", "", "1", "2024-05-03"]);
        long.too_long = Some(1);
        let r = m.map(&long).unwrap_err();
        assert_eq!(
            (r.code, r.column.as_deref()),
            (RejectCode::FieldTooLong, Some("评价内容"))
        );
    }

    #[test]
    fn incomplete_mappings_are_explained() {
        let headers: Vec<String> = ["a", "b"].map(String::from).to_vec();
        let errors = Mapper::new(
            &ColumnMapping {
                fields: vec![FieldColumn {
                    field: CaseField::ReviewText,
                    column: "zzz".into(),
                }],
                timezone: "Mars/Base".into(),
                ..Default::default()
            },
            &headers,
            now(),
            3,
        )
        .unwrap_err();
        assert_eq!(
            errors,
            [
                "mapping.unknown_column:zzz",
                "mapping.no_rating",
                "mapping.no_product",
                "mapping.bad_timezone:Mars/Base"
            ]
        );
    }
}
