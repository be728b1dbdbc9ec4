//! The types intake shows to the UI: how columns map to case fields, what a file looks
//! like before import, what an import did, and what was read from a pasted review.

use crate::cases::Platform;
use crate::common::string_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

string_enum!(
    /// What a source column can feed.
    CaseField {
        ReviewId = "review_id",
        OrderId = "order_id",
        BuyerNick = "buyer_nick",
        Product = "product",
        Rating = "rating",
        Title = "title",
        ReviewText = "review_text",
        ReviewTime = "review_time",
        SellerReply = "seller_reply",
        FollowUpText = "follow_up_text",
        OrderValue = "order_value",
        Photos = "photos",
    }
);

impl CaseField {
    /// Several columns mapped to one text field are joined with a line break (a title
    /// above its body); other fields join with a middle dot (`Dresses · 1077`).
    pub(crate) fn joiner(self) -> &'static str {
        match self {
            CaseField::ReviewText
            | CaseField::Title
            | CaseField::SellerReply
            | CaseField::FollowUpText => "\n",
            _ => " · ",
        }
    }
}

/// One source column feeding one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldColumn {
    pub field: CaseField,
    /// The column's header text as shown in the preview (`Column 3` when it has none).
    pub column: String,
}

/// One explicit source value → stars entry (`0` → 1★ for sentiment labels).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RatingValue {
    pub value: String,
    pub stars: u8,
}

/// How the rating column's text turns into 1–5 stars.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RatingMap {
    /// Numbers 1–5 (`4`, `4.0`, `4星`, `★★★★☆`, `4/5`) and verdict words
    /// (`good/neutral/bad`, `好评/中评/差评` → 5/3/1, the way Taobao's three grades line up
    /// with stars).
    Auto,
    /// An explicit table, compared after trimming and ignoring case. Values not in the
    /// table reject the row.
    Values { values: Vec<RatingValue> },
}

/// Which column feeds which case field, and how to read the rating. Saved per shop so the
/// next file of the same layout imports in one click.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ColumnMapping {
    pub platform: Platform,
    pub fields: Vec<FieldColumn>,
    pub rating: RatingMap,
    /// Product name for rows whose product cell is empty or when no column is mapped.
    pub default_product: String,
    /// IANA zone in which times without an offset are read (seller backends print
    /// Beijing time).
    pub timezone: String,
    /// Turn the two characters `\n` inside texts into line breaks (some exports escape
    /// them).
    pub unescape_newlines: bool,
}

impl Default for ColumnMapping {
    fn default() -> Self {
        ColumnMapping {
            platform: Platform::Other,
            fields: Vec::new(),
            rating: RatingMap::Auto,
            default_product: String::new(),
            timezone: "Asia/Shanghai".into(),
            unescape_newlines: false,
        }
    }
}

impl ColumnMapping {
    pub fn columns_for(&self, field: CaseField) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .filter(move |f| f.field == field)
            .map(|f| f.column.as_str())
    }

    pub fn has(&self, field: CaseField) -> bool {
        self.fields.iter().any(|f| f.field == field)
    }
}

/// A mapping the owner saved for a shop; `headers` is the layout it was made for, so a
/// file with the same header row picks it up by itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SavedMapping {
    #[ts(type = "number")]
    pub id: i64,
    pub shop: String,
    pub name: String,
    pub headers: Vec<String>,
    pub mapping: ColumnMapping,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A built-in layout, for the preset picker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PresetInfo {
    pub name: String,
    pub label_zh: String,
    pub label_en: String,
    pub platform: Platform,
}

string_enum!(
    /// Why a row was not imported. The UI localizes the code; `RejectCode::message`
    /// gives the text in Chinese or English for the CLI and the rejected-rows file.
    RejectCode {
        Undecodable = "undecodable",
        Truncated = "truncated",
        FieldTooLong = "field_too_long",
        MissingRating = "missing_rating",
        BadRating = "bad_rating",
        BadTime = "bad_time",
        FutureTime = "future_time",
        MissingText = "missing_text",
        TextTooLong = "text_too_long",
        MissingProduct = "missing_product",
        OrderIdMangled = "order_id_mangled",
        BadValue = "bad_value",
    }
);

/// One rejected row: where it is in the file and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RejectedRow {
    /// Line of the file where the record starts (1 = first line), or the sheet's row number.
    #[ts(type = "number")]
    pub row: u64,
    pub code: RejectCode,
    /// The column at fault, when one is.
    pub column: Option<String>,
    /// English explanation, for logs and the CLI.
    pub reason: String,
}

/// What kind of file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FileKind {
    Csv,
    Xlsx,
    Xls,
}

/// Where the mapping used for a file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MappingSource {
    /// Given by the caller.
    Explicit,
    /// A preset named by the caller or recognised from the header row.
    Preset,
    /// A mapping the owner saved for this shop and header row.
    Saved,
    /// Nothing recognised: a guess from the column names for the owner to correct.
    Suggested,
}

/// One of the first rows of a file as it would be imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviewRow {
    #[ts(type = "number")]
    pub row: u64,
    /// The cells as read, one per header column.
    pub cells: Vec<String>,
    /// `case`, `stats_only` or `rejected`.
    pub outcome: String,
    pub stars: Option<u8>,
    pub product: Option<String>,
    pub review_text: Option<String>,
    pub review_time: Option<chrono::DateTime<chrono::Utc>>,
    pub order_id: Option<String>,
    pub review_id: Option<String>,
    pub buyer_nick: Option<String>,
    pub rejected: Option<RejectedRow>,
}

/// What the mapping screen shows: the detected layout and the first rows mapped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Preview {
    pub kind: FileKind,
    /// WHATWG encoding name (`UTF-8`, `GBK`, `UTF-16LE`…); empty for spreadsheets.
    pub encoding: String,
    pub bom: bool,
    /// The field separator (`,`, tab, `;`, `|`); empty for spreadsheets.
    pub delimiter: String,
    /// Spreadsheet sheet read (the first one); empty for CSV.
    pub sheet: String,
    /// Row number of the header (0 when the file has none and columns are numbered).
    #[ts(type = "number")]
    pub header_row: u64,
    pub headers: Vec<String>,
    pub preset: Option<String>,
    pub mapping: ColumnMapping,
    pub mapping_source: MappingSource,
    #[ts(type = "number | null")]
    pub saved_mapping_id: Option<i64>,
    /// Problems with the mapping that stop an import (codes such as `mapping.no_rating`).
    pub mapping_errors: Vec<String>,
    /// Things worth knowing that do not stop it (`mapping.no_time`: the import time is used).
    pub warnings: Vec<String>,
    pub rows: Vec<PreviewRow>,
    #[ts(type = "number")]
    pub bytes_total: u64,
}

/// How to import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportOptions {
    /// Shop the reviews belong to; empty means the shop in settings.
    pub shop: String,
    /// Use this preset instead of recognising one.
    pub preset: Option<String>,
    /// Use this mapping (it wins over presets and saved mappings).
    pub mapping: Option<ColumnMapping>,
    /// Force an encoding (`gbk`, `utf-8`, `utf-16le`…) instead of detecting it.
    pub encoding: Option<String>,
    /// Reviews with at most this many stars become cases (3: bad and neutral); all
    /// reviews, positives included, are counted in the statistics.
    pub max_case_stars: u8,
    /// Run everything, report, and write nothing.
    pub dry_run: bool,
    /// Every new case arrives as history (the backlog), however recent its review.
    /// Reviews older than the first-reply window always do.
    pub as_history: bool,
    /// Written into each case's history.
    pub actor: String,
    /// At most this many rejected rows are listed in the report (all are counted).
    pub max_rejected_listed: u32,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            shop: String::new(),
            preset: None,
            mapping: None,
            encoding: None,
            max_case_stars: 3,
            dry_run: false,
            as_history: false,
            actor: "import".into(),
            max_rejected_listed: 1000,
        }
    }
}

/// Progress of a running import, sent every few hundred rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub rows_done: u64,
    #[ts(type = "number")]
    pub bytes_done: u64,
    #[ts(type = "number")]
    pub bytes_total: u64,
    #[ts(type = "number")]
    pub new: u64,
    #[ts(type = "number")]
    pub updated: u64,
    #[ts(type = "number")]
    pub duplicates: u64,
    #[ts(type = "number")]
    pub rejected: u64,
}

/// What an import did (or, for a dry run, would do).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    #[ts(type = "number | null")]
    pub import_id: Option<i64>,
    pub dry_run: bool,
    pub file_name: String,
    pub kind: FileKind,
    pub encoding: String,
    pub preset: Option<String>,
    pub mapping_source: MappingSource,
    /// Data rows read (the header and empty rows are not counted).
    #[ts(type = "number")]
    pub rows_read: u64,
    /// New cases created.
    #[ts(type = "number")]
    pub new: u64,
    /// Known reviews whose fields changed (case updated and/or statistics moved).
    #[ts(type = "number")]
    pub updated: u64,
    /// Reviews already imported, unchanged.
    #[ts(type = "number")]
    pub duplicates: u64,
    /// Of the new cases, those that arrived as history: they wait in the backlog
    /// instead of asking for a first reply.
    #[ts(type = "number")]
    pub backlog: u64,
    /// New reviews above the threshold: counted in the statistics, no case.
    #[ts(type = "number")]
    pub stats_only: u64,
    #[ts(type = "number")]
    pub empty_rows: u64,
    #[ts(type = "number")]
    pub rejected_total: u64,
    /// The first rejected rows (up to `max_rejected_listed`).
    pub rejected: Vec<RejectedRow>,
    pub warnings: Vec<String>,
}

impl ImportReport {
    /// Rows that made it in, one way or another.
    pub fn accepted(&self) -> u64 {
        self.new + self.updated + self.duplicates + self.stats_only
    }
}

/// A value read from pasted text, with how sure the reader is (0–100).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Extracted<T: TS> {
    pub value: T,
    pub confidence: u8,
}

/// What could be read from a review pasted from a seller backend page. The UI shows
/// every field for confirmation; `to_new_case` fills the quick-add form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PastedReview {
    pub platform: Option<Extracted<Platform>>,
    pub buyer_nick: Option<Extracted<String>>,
    pub stars: Option<Extracted<u8>>,
    pub review_time: Option<Extracted<chrono::DateTime<chrono::Utc>>>,
    pub order_id: Option<Extracted<String>>,
    pub product: Option<Extracted<String>>,
    pub review_text: Option<Extracted<String>>,
    pub follow_up_text: Option<Extracted<String>>,
    pub seller_reply: Option<Extracted<String>>,
}
