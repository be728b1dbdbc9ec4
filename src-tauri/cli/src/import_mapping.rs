//! Which mapping `import` reads a file with (`--mapping auto|FILE.json`, `--platform`,
//! `--product`), and how a dry run shows it.

use chrono::{DateTime, Utc};
use haoping_core::cases::Platform;
use haoping_core::db::Connection;
use haoping_core::intake::{self, ColumnMapping, ImportOptions, MappingSource, RatingMap};
use haoping_core::CoreError;
use serde::Serialize;
use std::path::Path;

/// The mapping an import will use and where it came from.
#[derive(Serialize)]
pub struct Chosen {
    pub source: MappingSource,
    pub preset: Option<String>,
    /// Where the product comes from when no column gives it.
    #[serde(skip)]
    product_from_file_name: bool,
    /// Printed flat, so the `mapping` of a `--json` dry run can be saved and given back
    /// as `--mapping FILE.json`.
    #[serde(flatten)]
    pub mapping: ColumnMapping,
    /// Whether the import must be told this mapping (it would not find it by itself).
    #[serde(skip)]
    pub explicit: bool,
}

pub struct Request<'a> {
    pub mapping: Option<&'a str>,
    pub platform: Option<&'a str>,
    pub product: Option<&'a str>,
}

fn platform(text: &str) -> Result<Platform, CoreError> {
    Platform::from_name(text).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_platform",
            "platform",
            format!(
                "unknown platform '{text}' (one of: {})",
                Platform::names_help()
            ),
        )
    })
}

fn read_file(path: &str) -> Result<ColumnMapping, CoreError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CoreError::validation(
            "intake.bad_mapping_file",
            "mapping",
            format!("cannot read the mapping file {path}: {e}"),
        )
    })?;
    intake::parse_mapping_json(&text, path)
}

/// The command-line way out of a layout the import cannot read by itself.
pub fn with_hint(e: CoreError) -> CoreError {
    let hint = match &e {
        CoreError::Validation { code, .. } if *code == "intake.mapping_not_enough" => {
            "write the mapping as JSON (the `mapping` printed by `--json import FILE --dry-run` \
             is the format) and import with --mapping FILE.json"
        }
        CoreError::Validation { code, .. } if *code == "intake.unknown_layout" => {
            "on the command line: --mapping auto reads it with the suggested mapping, \
             --mapping FILE.json with yours"
        }
        _ => return e,
    };
    match e {
        CoreError::Validation {
            code,
            field,
            message,
        } => CoreError::Validation {
            code,
            field,
            message: format!("{message}; {hint}"),
        },
        other => other,
    }
}

/// Columns as wide as a terminal shows them: Chinese characters take two cells.
fn display_width(s: &str) -> usize {
    s.chars().map(|c| if c >= '\u{2e80}' { 2 } else { 1 }).sum()
}

/// Decides the mapping from the start of the file: the preset, saved mapping or
/// suggestion the import would find, a mapping file, then the platform and product given.
pub fn choose(
    conn: &Connection,
    file: &Path,
    opts: &ImportOptions,
    req: &Request,
    now: DateTime<Utc>,
) -> Result<Chosen, CoreError> {
    let platform = req.platform.map(platform).transpose()?;
    let given = match req.mapping {
        None | Some("auto") => None,
        Some(path) => Some(read_file(path)?),
    };
    let preview = intake::preview(conn, file, opts, now)?;
    let mut chosen = match given {
        Some(mapping) => {
            intake::check_mapping(&mapping, &preview.headers).map_err(with_hint)?;
            Chosen {
                source: MappingSource::Explicit,
                preset: None,
                product_from_file_name: false,
                mapping,
                explicit: true,
            }
        }
        None => {
            let suggested = preview.mapping_source == MappingSource::Suggested;
            if suggested && req.mapping == Some("auto") {
                intake::check_mapping(&preview.mapping, &preview.headers).map_err(with_hint)?;
            }
            Chosen {
                source: preview.mapping_source,
                preset: preview.preset,
                product_from_file_name: false,
                mapping: preview.mapping,
                explicit: suggested && req.mapping == Some("auto"),
            }
        }
    };
    if let Some(p) = platform {
        chosen.mapping.platform = p;
        chosen.explicit = true;
    }
    let m = &mut chosen.mapping;
    let no_product = !m.has(intake::CaseField::Product) && m.default_product.trim().is_empty();
    if let Some(name) = req.product.map(str::trim).filter(|p| !p.is_empty()) {
        m.default_product = name.to_string();
        chosen.explicit = true;
    } else if no_product && chosen.explicit {
        // The owner named no product and the file has none: its name is the best guess
        // (`保温杯评价.csv`), and the dry run says so.
        if let Some(stem) = file
            .file_stem()
            .map(|s| s.to_string_lossy().trim().to_string())
        {
            m.default_product = stem;
            chosen.product_from_file_name = true;
        }
    }
    Ok(chosen)
}

fn rating_text(r: &RatingMap) -> String {
    match r {
        RatingMap::Auto => "stars 1–5 or 好评/中评/差评".into(),
        RatingMap::Values { values } => values
            .iter()
            .map(|v| format!("{} → {}★", v.value, v.stars))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// What a dry run prints before the counts.
pub fn print_text(c: &Chosen) {
    let from = match (c.source, &c.preset) {
        (_, Some(p)) => format!("preset {p}"),
        (MappingSource::Saved, None) => "the mapping saved for these columns".into(),
        (MappingSource::Suggested, None) => "suggested from the column names".into(),
        _ => "given".into(),
    };
    say!("mapping     {from}");
    say!("platform    {}", c.mapping.platform);
    let width = c
        .mapping
        .fields
        .iter()
        .map(|f| display_width(&f.column))
        .max()
        .unwrap_or(0);
    for f in &c.mapping.fields {
        let pad = width - display_width(&f.column);
        let extra = if f.field == intake::CaseField::Rating {
            format!(" ({})", rating_text(&c.mapping.rating))
        } else {
            String::new()
        };
        say!("  {}{} → {}{extra}", f.column, " ".repeat(pad), f.field);
    }
    if !c.mapping.default_product.is_empty() {
        let note = if c.product_from_file_name {
            " (the file's name: no product column; --product sets one)"
        } else {
            ""
        };
        say!("product     {}{note}", c.mapping.default_product);
    }
    say!("timezone    {}", c.mapping.timezone);
}
