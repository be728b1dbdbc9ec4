//! Turning what the owner typed into a case we can store, or a precise complaint about
//! which field is wrong.

use super::model::{guess_lang, CaseSource, NewCase, Platform};
use crate::common::text::{check_len, non_empty, optional, required};
use crate::common::Lang;
use crate::error::{CoreError, Result};
use crate::settings::Settings;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// A case ready to be labelled and stored: every field checked and trimmed.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidCase {
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
    pub lang: Lang,
    pub follow_up_text: Option<String>,
    pub seller_reply: Option<String>,
    pub source: CaseSource,
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

/// Checks what was typed, field by field: the first problem found is refused with a
/// code naming the field. A case that names no shop belongs to the owner's default shop.
pub fn validate(input: &NewCase, settings: &Settings, now: DateTime<Utc>) -> Result<ValidCase> {
    let platform_text = required("platform", &input.platform, usize::MAX)?;
    let platform = Platform::parse(&platform_text.to_lowercase()).ok_or_else(|| {
        CoreError::validation(
            "validation.unknown_platform",
            "platform",
            format!("unknown platform '{platform_text}'"),
        )
    })?;

    let product = required("product", &input.product, 200)?;

    if !(1..=5).contains(&input.stars) {
        return Err(CoreError::validation(
            "validation.stars_range",
            "stars",
            "must be 1 to 5",
        ));
    }

    let review_text = required("review_text", &input.review_text, 20_000)?;

    let review_time = match non_empty(&input.review_time) {
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

    let order_id = optional("order_id", &input.order_id, 64)?;
    if let Some(o) = &order_id {
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

    let buyer_phone = non_empty(&input.buyer_phone);
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

    let buyer_nick = optional("buyer_nick", &input.buyer_nick, 64)?;
    let shop = settings.shop_or_default(&input.shop);
    check_len("shop", &shop, 64)?;
    let review_id = optional("review_id", &input.review_id, 128)?;
    if let Some(v) = input.order_value_cents {
        if v < 0 {
            return Err(CoreError::validation(
                "validation.negative",
                "order_value_cents",
                "cannot be negative",
            ));
        }
    }
    let lang = match input.lang.trim() {
        "zh" => Lang::Zh,
        "en" => Lang::En,
        _ => guess_lang(&review_text),
    };
    let follow_up_text = optional("follow_up_text", &input.follow_up_text, 20_000)?;
    let seller_reply = optional("seller_reply", &input.seller_reply, 20_000)?;

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
        follow_up_text,
        seller_reply,
        source: input.source,
    })
}
