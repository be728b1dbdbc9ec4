//! Money in integer minor units (分, cents). Amounts typed by the owner are parsed
//! strictly: a float would turn ¥0.10 + ¥0.20 into ¥0.30000000000000004 and a lenient
//! parser would turn "1,5" into something the owner never meant.

use crate::error::{CoreError, Result};

pub const DEFAULT_CURRENCY: &str = "CNY";

/// Active ISO 4217 codes with two decimals.
const TWO_DIGITS: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB \
    BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP \
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS \
    KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR \
    MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD \
    SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED \
    VES WST XCD XCG YER ZAR ZMW ZWG";
/// Codes without minor units.
const ZERO_DIGITS: &str = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
const THREE_DIGITS: &str = "BHD IQD JOD KWD LYD OMR TND";
const FOUR_DIGITS: &str = "CLF UYW";

/// How many decimals the currency has, or `None` for a code ISO 4217 does not list.
pub fn minor_digits(code: &str) -> Option<u32> {
    let listed = |list: &str| list.split_whitespace().any(|c| c == code);
    if listed(TWO_DIGITS) {
        Some(2)
    } else if listed(ZERO_DIGITS) {
        Some(0)
    } else if listed(THREE_DIGITS) {
        Some(3)
    } else if listed(FOUR_DIGITS) {
        Some(4)
    } else {
        None
    }
}

/// Empty means CNY; otherwise a known ISO 4217 code, in any letter case.
pub fn normalize_currency(text: &str) -> Result<String> {
    let code = text.trim().to_ascii_uppercase();
    if code.is_empty() {
        return Ok(DEFAULT_CURRENCY.to_string());
    }
    if code.len() != 3 || minor_digits(&code).is_none() {
        return Err(CoreError::validation(
            "validation.currency",
            "currency",
            format!(
                "'{}' is not an ISO 4217 currency code (e.g. CNY, USD)",
                text.trim()
            ),
        ));
    }
    Ok(code)
}

fn digits_of(currency: &str) -> u32 {
    // Codes reach here normalized; anything else is treated like CNY rather than failing.
    minor_digits(currency).unwrap_or(2)
}

/// Parses "12.50" (or "12", "12.5") into minor units of `currency`: 1250 for CNY, 13 for
/// JPY "13". No signs, no exponents, no thousands separators, no more decimals than the
/// currency has; an optional leading ¥/￥/$/€/£ is accepted because owners paste it.
pub fn parse_amount(field: &str, text: &str, currency: &str) -> Result<i64> {
    let raw = text.trim();
    let bad = |why: &str| {
        CoreError::validation(
            "validation.amount",
            field,
            format!("'{raw}' is not an amount: {why}"),
        )
    };
    let body = raw
        .strip_prefix(['¥', '￥', '$', '€', '£'])
        .unwrap_or(raw)
        .trim_start();
    if body.is_empty() {
        return Err(bad("it is empty"));
    }
    let (whole, frac) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("use digits with an optional decimal point, like 12.50"));
    }
    let digits = digits_of(currency);
    let frac = frac.unwrap_or("");
    if body.contains('.') && frac.is_empty() {
        return Err(bad("digits are missing after the decimal point"));
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("use digits with an optional decimal point, like 12.50"));
    }
    if frac.len() > digits as usize {
        return Err(bad(&format!("{currency} has {digits} decimal place(s)")));
    }
    let too_big = || bad("it is too large");
    let scale = 10i64.pow(digits);
    let whole: i64 = whole.parse().map_err(|_| too_big())?;
    let mut minor: i64 = 0;
    for (i, b) in frac.bytes().enumerate() {
        minor += i64::from(b - b'0') * 10i64.pow(digits - 1 - i as u32);
    }
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(minor))
        .ok_or_else(too_big)
}

/// Renders minor units back as the owner types them: 1250 CNY → "12.50".
pub fn format_amount(minor: i64, currency: &str) -> String {
    let digits = digits_of(currency);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{abs}");
    }
    let scale = 10u64.pow(digits);
    format!(
        "{sign}{}.{:0width$}",
        abs / scale,
        abs % scale,
        width = digits as usize
    )
}

/// "¥12.50", "$3.00", "JPY 500".
pub fn format_money(minor: i64, currency: &str) -> String {
    let symbol = match currency {
        "CNY" => "¥",
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        _ => "",
    };
    if symbol.is_empty() {
        format!("{currency} {}", format_amount(minor, currency))
    } else {
        format!("{symbol}{}", format_amount(minor, currency))
    }
}

/// Parses a percentage into basis points: "15" or "15%" → 1500, "12.5" → 1250.
/// Between 0 (exclusive) and 100 (inclusive), at most two decimals.
pub fn parse_percent(field: &str, text: &str) -> Result<u32> {
    let raw = text.trim();
    let body = raw.strip_suffix(['%', '％']).unwrap_or(raw).trim_end();
    // Basis points are hundredths of a percent: parse as a two-decimal amount.
    let bp = parse_amount(field, body, "CNY").map_err(|_| {
        CoreError::validation(
            "validation.percent",
            field,
            format!("'{raw}' is not a percentage like 15 or 12.5"),
        )
    })?;
    if !(1..=10_000).contains(&bp) {
        return Err(CoreError::validation(
            "validation.percent",
            field,
            format!("'{raw}' must be more than 0 and at most 100"),
        ));
    }
    u32::try_from(bp)
        .map_err(|_| CoreError::validation("validation.percent", field, "percentage out of range"))
}

/// `bp` basis points of `minor`, rounded half up (amounts are never negative here).
pub fn percent_of(minor: i64, bp: u32) -> i64 {
    let exact = i128::from(minor) * i128::from(bp);
    let rounded = (exact + 5_000) / 10_000;
    i64::try_from(rounded).unwrap_or(i64::MAX)
}

/// `unit × qty`, refusing to wrap around.
pub fn times(field: &str, unit: i64, qty: u32) -> Result<i64> {
    unit.checked_mul(i64::from(qty))
        .ok_or_else(|| CoreError::validation("validation.amount", field, "the total is too large"))
}

/// Adds amounts, refusing to wrap around.
pub fn checked_sum(field: &str, parts: impl IntoIterator<Item = i64>) -> Result<i64> {
    parts.into_iter().try_fold(0i64, |acc, p| {
        acc.checked_add(p).ok_or_else(|| {
            CoreError::validation("validation.amount", field, "the total is too large")
        })
    })
}

/// Average rounded half up, for "cost per recovered review".
pub fn average(total: i64, count: u32) -> Option<i64> {
    if count == 0 {
        return None;
    }
    let n = i128::from(count);
    let t = i128::from(total);
    i64::try_from((t + n / 2).div_euclid(n)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<i64> {
        parse_amount("value", text, "CNY")
    }

    #[test]
    fn parses_amounts_into_minor_units() {
        assert_eq!(p("12.50").unwrap(), 1250);
        assert_eq!(p("12.5").unwrap(), 1250);
        assert_eq!(p("12").unwrap(), 1200);
        assert_eq!(p("0.01").unwrap(), 1);
        assert_eq!(p("0").unwrap(), 0);
        assert_eq!(p(" ¥20 ").unwrap(), 2000);
        assert_eq!(p("￥3.05").unwrap(), 305);
        assert_eq!(p("007.10").unwrap(), 710);
        assert_eq!(parse_amount("v", "500", "JPY").unwrap(), 500);
        assert_eq!(parse_amount("v", "1.234", "KWD").unwrap(), 1234);
        assert_eq!(parse_amount("v", "9.99", "USD").unwrap(), 999);
    }

    #[test]
    fn rejects_anything_loose() {
        for bad in [
            "", " ", "abc", "-5", "+5", "1e3", "1,000", "12.505", "12.", ".5", "1.2.3", "12 50",
            "１２", "NaN", "inf", "¥", "12.5a", "0x10",
        ] {
            let e = p(bad).unwrap_err();
            assert_eq!(e.code(), "validation.amount", "{bad:?}");
        }
        let e = parse_amount("v", "5.5", "JPY").unwrap_err();
        assert!(e.to_string().contains("0 decimal"), "{e}");
        let e = p("99999999999999999999").unwrap_err();
        assert!(e.to_string().contains("too large"), "{e}");
        // i64::MAX fen is the largest amount; one fen more is refused, not wrapped.
        assert_eq!(p("92233720368547758.07").unwrap(), i64::MAX);
        let e = p("92233720368547758.08").unwrap_err();
        assert!(e.to_string().contains("too large"), "{e}");
    }

    #[test]
    fn sums_without_float_drift() {
        // 0.1 + 0.2 is exactly 0.3 in minor units.
        let total = checked_sum("t", [p("0.10").unwrap(), p("0.20").unwrap()]).unwrap();
        assert_eq!(total, 30);
        assert_eq!(format_amount(total, "CNY"), "0.30");
        // A thousand ten-cent coupons are exactly 100 yuan.
        let many = checked_sum("t", std::iter::repeat_n(10, 1000)).unwrap();
        assert_eq!(many, 10_000);
        assert!(checked_sum("t", [i64::MAX, 1]).is_err());
        assert_eq!(times("t", 1299, 3).unwrap(), 3897);
        assert!(times("t", i64::MAX / 2, 3).is_err());
    }

    #[test]
    fn percentages_in_basis_points() {
        assert_eq!(parse_percent("p", "15").unwrap(), 1500);
        assert_eq!(parse_percent("p", "15%").unwrap(), 1500);
        assert_eq!(parse_percent("p", "12.5 %").unwrap(), 1250);
        assert_eq!(parse_percent("p", "100").unwrap(), 10_000);
        for bad in ["0", "100.01", "-3", "abc", "", "12.345"] {
            assert_eq!(
                parse_percent("p", bad).unwrap_err().code(),
                "validation.percent",
                "{bad:?}"
            );
        }
        // 15 % of ¥39.90 is ¥5.985 → ¥5.99 (half up); 30 % of ¥0.05 is 1.5 fen → 2 fen.
        assert_eq!(percent_of(3990, 1500), 599);
        assert_eq!(percent_of(5, 3000), 2);
        assert_eq!(percent_of(5, 2000), 1);
        assert_eq!(percent_of(0, 5000), 0);
    }

    #[test]
    fn formats_and_averages() {
        assert_eq!(format_amount(1250, "CNY"), "12.50");
        assert_eq!(format_amount(5, "CNY"), "0.05");
        assert_eq!(format_amount(-5, "CNY"), "-0.05");
        assert_eq!(format_amount(500, "JPY"), "500");
        assert_eq!(format_amount(1234, "KWD"), "1.234");
        assert_eq!(format_money(2000, "CNY"), "¥20.00");
        assert_eq!(format_money(999, "USD"), "$9.99");
        assert_eq!(format_money(500, "JPY"), "JPY 500");
        assert_eq!(average(1000, 3), Some(333));
        assert_eq!(average(1001, 2), Some(501));
        assert_eq!(average(10, 0), None);
    }

    #[test]
    fn currencies_are_iso_codes() {
        assert_eq!(normalize_currency("").unwrap(), "CNY");
        assert_eq!(normalize_currency(" usd ").unwrap(), "USD");
        assert_eq!(normalize_currency("JPY").unwrap(), "JPY");
        for bad in ["RMB", "US", "DOLLAR", "XXX", "¥", "12A"] {
            assert_eq!(
                normalize_currency(bad).unwrap_err().code(),
                "validation.currency",
                "{bad}"
            );
        }
        assert_eq!(minor_digits("CNY"), Some(2));
        assert_eq!(minor_digits("KRW"), Some(0));
    }
}
