//! The owner-editable rules of the contact rhythm (PLAYBOOK section 4), stored as JSON
//! under their own settings key. Defaults follow the playbook.

use crate::cases::Case;
use crate::error::{CoreError, Result};
use crate::settings;
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The settings key the rules live under.
pub const RULES_KEY: &str = "followup_rules";
/// What `cases.buyer_tz` holds when nobody said where the buyer is.
pub const UNSET_BUYER_TZ: &str = "Asia/Shanghai";

/// A daily call-back window in the buyer's local time, `HH:MM`–`HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WindowRule {
    pub start: String,
    pub end: String,
}

/// The time zone of a shop's buyers, when cases do not name one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShopZone {
    pub shop: String,
    pub tz: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct FollowupRules {
    /// First reply due this many hours after the review.
    pub first_response_hours: u32,
    /// Warn this many hours before the first-reply deadline; 0 turns the warning off.
    pub first_response_warning_hours: u32,
    /// Call-back windows, buyer's local time.
    pub windows: Vec<WindowRule>,
    pub call_on_weekends: bool,
    /// Off: no call-backs on mainland-China public holidays (for buyers in China) nor on
    /// the owner's own days off.
    pub call_on_holidays: bool,
    /// The owner's own days without calls, any zone.
    #[ts(type = "Array<string>")]
    pub extra_holidays: Vec<NaiveDate>,
    /// Buyers' zone when neither the case nor its shop names one.
    pub default_tz: String,
    pub shop_zones: Vec<ShopZone>,
    /// Where the owner works: "snooze until tomorrow" means tomorrow morning here.
    pub owner_tz: String,
    /// When the owner's day starts, `HH:MM`.
    pub owner_day_start: String,
    /// No reply on written channels for this many days → suggest a phone call.
    pub escalate_after_days: u32,
    /// Revisit this many days after resolution.
    pub revisit_after_days: u32,
    /// Taobao/Tmall seller explanation closes this many days after the review.
    pub explanation_close_days: u32,
    /// Remind this many days before the explanation closes.
    pub explanation_warn_days: u32,
    /// Malicious-review appeals close this many days after the review.
    pub appeal_close_days: u32,
    /// Remind this many days before the appeal deadline.
    pub appeal_warn_days: u32,
}

impl Default for FollowupRules {
    fn default() -> Self {
        FollowupRules {
            first_response_hours: 24,
            first_response_warning_hours: 4,
            windows: vec![
                WindowRule {
                    start: "12:00".into(),
                    end: "13:00".into(),
                },
                WindowRule {
                    start: "18:00".into(),
                    end: "20:00".into(),
                },
            ],
            call_on_weekends: true,
            call_on_holidays: false,
            extra_holidays: Vec::new(),
            default_tz: UNSET_BUYER_TZ.into(),
            shop_zones: Vec::new(),
            owner_tz: UNSET_BUYER_TZ.into(),
            owner_day_start: "09:00".into(),
            escalate_after_days: 2,
            revisit_after_days: 7,
            explanation_close_days: 30,
            explanation_warn_days: 3,
            appeal_close_days: 30,
            appeal_warn_days: 3,
        }
    }
}

pub(crate) fn parse_hm(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

fn parse_tz(text: &str) -> Option<Tz> {
    text.trim().parse::<Tz>().ok()
}

impl FollowupRules {
    /// The windows as times, sorted; unparsable entries (only possible in a hand-edited
    /// database) are skipped.
    pub fn parsed_windows(&self) -> Vec<(NaiveTime, NaiveTime)> {
        let mut w: Vec<(NaiveTime, NaiveTime)> = self
            .windows
            .iter()
            .filter_map(|w| Some((parse_hm(&w.start)?, parse_hm(&w.end)?)))
            .filter(|(a, b)| a < b)
            .collect();
        w.sort();
        w
    }

    pub fn default_zone(&self) -> Tz {
        parse_tz(&self.default_tz).unwrap_or(Tz::Asia__Shanghai)
    }

    pub fn owner_zone(&self) -> Tz {
        parse_tz(&self.owner_tz).unwrap_or(Tz::Asia__Shanghai)
    }

    pub fn owner_day_start_time(&self) -> NaiveTime {
        parse_hm(&self.owner_day_start).unwrap_or(NaiveTime::MIN)
    }

    /// The buyer's zone for a case: the case's own zone when it was set to something
    /// other than the column default, else the shop's zone, else the default zone.
    pub fn zone_for(&self, case: &Case) -> Tz {
        let own = case.buyer_tz.trim();
        if own != UNSET_BUYER_TZ && !own.is_empty() {
            if let Some(tz) = parse_tz(own) {
                return tz;
            }
        }
        self.shop_zones
            .iter()
            .find(|s| s.shop == case.shop)
            .and_then(|s| parse_tz(&s.tz))
            .unwrap_or_else(|| self.default_zone())
    }

    /// Checks and normalises what the settings form sends.
    pub fn validated(&self) -> Result<FollowupRules> {
        let mut r = self.clone();
        let range = |field: &'static str, v: u32, lo: u32, hi: u32| -> Result<()> {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(CoreError::validation(
                    "validation.range",
                    field,
                    format!("must be {lo} to {hi}"),
                ))
            }
        };
        range("first_response_hours", r.first_response_hours, 1, 720)?;
        if r.first_response_warning_hours >= r.first_response_hours {
            return Err(CoreError::validation(
                "validation.range",
                "first_response_warning_hours",
                "must be less than the first-reply hours",
            ));
        }
        range("escalate_after_days", r.escalate_after_days, 1, 30)?;
        range("revisit_after_days", r.revisit_after_days, 1, 90)?;
        range("explanation_close_days", r.explanation_close_days, 1, 365)?;
        range("appeal_close_days", r.appeal_close_days, 1, 365)?;
        if r.explanation_warn_days >= r.explanation_close_days {
            return Err(CoreError::validation(
                "validation.range",
                "explanation_warn_days",
                "must be less than the days until the explanation closes",
            ));
        }
        if r.appeal_warn_days >= r.appeal_close_days {
            return Err(CoreError::validation(
                "validation.range",
                "appeal_warn_days",
                "must be less than the days until the appeal closes",
            ));
        }
        if r.windows.len() > 6 {
            return Err(CoreError::validation(
                "validation.too_many",
                "windows",
                "at most 6 call-back windows",
            ));
        }
        let mut parsed = Vec::new();
        for w in &mut r.windows {
            let (Some(a), Some(b)) = (parse_hm(&w.start), parse_hm(&w.end)) else {
                return Err(CoreError::validation(
                    "validation.time_format",
                    "windows",
                    format!("'{}–{}' is not HH:MM–HH:MM", w.start, w.end),
                ));
            };
            if a >= b {
                return Err(CoreError::validation(
                    "validation.window_order",
                    "windows",
                    format!(
                        "window {}–{} must end after it starts, within one day",
                        w.start, w.end
                    ),
                ));
            }
            w.start = a.format("%H:%M").to_string();
            w.end = b.format("%H:%M").to_string();
            parsed.push((a, b));
        }
        parsed.sort();
        if parsed.windows(2).any(|p| p[1].0 < p[0].1) {
            return Err(CoreError::validation(
                "validation.window_overlap",
                "windows",
                "call-back windows overlap",
            ));
        }
        r.windows.sort_by(|x, y| x.start.cmp(&y.start));
        for (field, tz) in [
            ("default_tz", &mut r.default_tz),
            ("owner_tz", &mut r.owner_tz),
        ] {
            *tz = tz.trim().to_string();
            if parse_tz(tz).is_none() {
                return Err(CoreError::validation(
                    "validation.unknown_timezone",
                    field,
                    format!("unknown time zone '{tz}'"),
                ));
            }
        }
        for s in &mut r.shop_zones {
            s.shop = s.shop.trim().to_string();
            s.tz = s.tz.trim().to_string();
            if parse_tz(&s.tz).is_none() {
                return Err(CoreError::validation(
                    "validation.unknown_timezone",
                    "shop_zones",
                    format!("unknown time zone '{}'", s.tz),
                ));
            }
        }
        r.shop_zones.retain(|s| !s.shop.is_empty());
        let Some(start) = parse_hm(&r.owner_day_start) else {
            return Err(CoreError::validation(
                "validation.time_format",
                "owner_day_start",
                "is not HH:MM",
            ));
        };
        r.owner_day_start = start.format("%H:%M").to_string();
        r.extra_holidays.sort();
        r.extra_holidays.dedup();
        if r.extra_holidays.len() > 400 {
            return Err(CoreError::validation(
                "validation.too_many",
                "extra_holidays",
                "at most 400 days",
            ));
        }
        Ok(r)
    }
}

pub fn load_rules(conn: &Connection) -> Result<FollowupRules> {
    // A damaged row must not stop reminders: fall back to the playbook's defaults.
    settings::load_value(conn, RULES_KEY)
}

/// Validates and stores the rules. Every case's reminders are recomputed at the next sync.
pub fn save_rules(conn: &mut Connection, rules: &FollowupRules) -> Result<FollowupRules> {
    let clean = rules.validated()?;
    let tx = conn.transaction()?;
    settings::save_value(&tx, RULES_KEY, &clean)?;
    tx.execute(
        "UPDATE followup_case_state SET dirty = 1 WHERE dirty = 0",
        [],
    )?;
    tx.commit()?;
    Ok(clean)
}
