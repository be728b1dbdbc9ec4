//! Turning what the owner typed into a case we can store, or a precise complaint about
//! which field is wrong.

use super::model::{guess_lang, NewCase, Platform};
use crate::error::{CoreError, Result};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

pub(crate) struct ValidCase {
    pub platform: Platform,
    pub shop: String,
    pub order_id: Option<String>,
    pub review_id: Option<String>,
    pub buyer_nick: Option<String>,
    pub buyer_phone: Option<String>,
    pub product: String,
    pub stars: u8,
    pub review_text: String,
    pub review_time: DateTime<Utc>,
    pub has_photos: bool,
    pub order_value_cents: Option<i64>,
    pub lang: String,
}

fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(CoreError::validation(
            "validation.too_long",
            field,
            format!("longer than {max} characters"),
        ));
    }
    Ok(())
}

fn required(field: &str, value: &str) -> Result<String> {
    optional(value)
        .ok_or_else(|| CoreError::validation("validation.required", field, "is required"))
}

/// Accepts RFC 3339, or a plain `YYYY-MM-DD[ HH:MM[:SS]]` read in the buyer's zone
/// (Beijing time by default), as seller backends print it.
pub fn parse_time(field: &str, text: &str, tz: chrono_tz::Tz) -> Result<DateTime<Utc>> {
    let t = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.with_timezone(&Utc));
    }
    let normalized = t.replace('/', "-").replace('T', " ");
    let naive = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normalized, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(&normalized, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    match naive.and_then(|n| tz.from_local_datetime(&n).earliest()) {
        Some(local) => Ok(local.with_timezone(&Utc)),
        None => Err(CoreError::validation(
            "validation.time_format",
            field,
            format!("'{t}' is not a date and time"),
        )),
    }
}

pub(crate) fn validate(
    input: &NewCase,
    default_shop: &str,
    now: DateTime<Utc>,
) -> Result<ValidCase> {
    let platform_text = required("platform", &input.platform)?;
    let platform = Platform::parse(&platform_text.to_lowercase()).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_platform",
            "platform",
            format!("unknown platform '{platform_text}'"),
        )
    })?;

    let product = required("product", &input.product)?;
    check_len("product", &product, 200)?;

    if !(1..=5).contains(&input.stars) {
        return Err(CoreError::validation(
            "validation.stars_range",
            "stars",
            "must be 1 to 5",
        ));
    }

    let review_text = required("review_text", &input.review_text)?;
    check_len("review_text", &review_text, 20_000)?;

    let review_time = match optional(&input.review_time) {
        None => now,
        Some(t) => parse_time("review_time", &t, chrono_tz::Asia::Shanghai)?,
    };
    if review_time > now + Duration::minutes(10) {
        return Err(CoreError::validation(
            "validation.future_time",
            "review_time",
            "is in the future",
        ));
    }

    let order_id = optional(&input.order_id);
    if let Some(o) = &order_id {
        check_len("order_id", o, 64)?;
        if !o
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(CoreError::validation(
                "validation.order_format",
                "order_id",
                "may hold only letters, digits, - and _",
            ));
        }
    }

    let buyer_phone = optional(&input.buyer_phone);
    if let Some(p) = &buyer_phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let allowed = p
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | ' ' | '(' | ')'));
        if !allowed || !(5..=20).contains(&digits) {
            return Err(CoreError::validation(
                "validation.phone_format",
                "buyer_phone",
                "is not a phone number",
            ));
        }
    }

    let buyer_nick = optional(&input.buyer_nick);
    if let Some(n) = &buyer_nick {
        check_len("buyer_nick", n, 64)?;
    }
    let shop = optional(&input.shop).unwrap_or_else(|| default_shop.to_string());
    check_len("shop", &shop, 64)?;
    let review_id = optional(&input.review_id);
    if let Some(r) = &review_id {
        check_len("review_id", r, 128)?;
    }
    if let Some(v) = input.order_value_cents {
        if v < 0 {
            return Err(CoreError::validation(
                "validation.negative",
                "order_value_cents",
                "cannot be negative",
            ));
        }
    }
    let lang = match optional(&input.lang).as_deref() {
        Some("zh") => "zh".to_string(),
        Some("en") => "en".to_string(),
        _ => guess_lang(&review_text).to_string(),
    };

    Ok(ValidCase {
        platform,
        shop,
        order_id,
        review_id,
        buyer_nick,
        buyer_phone,
        product,
        stars: input.stars,
        review_text,
        review_time,
        has_photos: input.has_photos,
        order_value_cents: input.order_value_cents,
        lang,
    })
}
