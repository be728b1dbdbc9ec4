//! Intake: cases typed in, review exports (CSV, TSV, Excel) and pasted reviews into
//! cases, and the review statistics (`review_stats`) every imported review is counted in.
//!
//! A file is read as a stream — encoding detected (UTF-8 ± BOM, GBK/GB18030, UTF-16),
//! separator and header row guessed, the layout recognised from a preset, a mapping the
//! owner saved for the shop, or one they give. Negative and neutral reviews become
//! cases; every review is counted once in `review_stats`. An import is one transaction.

mod add;
mod decode;
mod given;
mod known_keys;
mod mappings;
mod model;
mod paste;
mod pipeline;
mod platform_names;
mod presets;
mod records;
mod rows;
mod sheet;
mod source;
mod store;
mod values;

pub use add::{add_case, revise_case};
pub use given::{check_mapping, parse_mapping_json};
pub use mappings::{delete_mapping, find_for_headers, list_mappings, save_mapping};
pub use model::{
    CaseField, ColumnMapping, Extracted, FieldColumn, FileKind, ImportOptions, ImportProgress,
    ImportReport, MappingSource, PastedReview, PresetInfo, Preview, PreviewRow, RatingMap,
    RatingValue, RejectCode, RejectedRow, SavedMapping,
};
pub use paste::{create_pasted, parse_pasted};
pub use pipeline::{export_rejected, import, preset_list, preview, reject_message};
pub use store::{beijing_day, count_reviews, has_reviews, ReviewCount};

/// Detects the encoding of `bytes` and decodes them all, as the file readers do; the
/// decoded length. For the fuzz targets.
#[cfg(feature = "fuzzing")]
pub fn decode_all_for_fuzzing(bytes: &[u8]) -> crate::Result<usize> {
    let sample = &bytes[..bytes.len().min(decode::SNIFF_BYTES)];
    let d = decode::detect(sample, None)?;
    let mut stream = decode::DecodedStream::new(bytes, d.encoding, d.bom_len)?;
    let mut total = 0;
    loop {
        let n = stream.fill_buf()?.len();
        if n == 0 {
            return Ok(total);
        }
        total += n;
        stream.consume(n);
    }
}

#[cfg(test)]
mod tests;
