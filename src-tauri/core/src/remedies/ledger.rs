//! The remedies ledger: recording, editing and moving remedies, every change in the
//! case history.

use super::compliance;
use super::defaults::{self, Basis};
use super::events::{self, about, remedy_parts};
use super::model::{
    check_move, PostagePayer, Remedy, RemedyInput, RemedyPreview, RemedyStatus, RemedyStatusChange,
    REMEDY_MOVES,
};
use super::money::{format_money, normalize_currency, parse_amount, parse_percent};
use super::RemedyKind;
use crate::cases::{self, CommitmentKind, EventKind};
use crate::common::text::{self, json_list};
use crate::common::Lang;
use crate::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, case_id, kind, status, currency, value_cents, cost_cents, \
    cost_is_default, coupon_percent_bp, gift_item, quantity, unit_cost_cents, postage_payer, \
    postage_cents, terms, note, reference, due_at, delivered_at, compliance_flags, \
    compliance_match, created_at, updated_at";

const MAX_QUANTITY: u32 = 9_999;

fn row_to_remedy(row: &Row, now: DateTime<Utc>) -> rusqlite::Result<Remedy> {
    let status: RemedyStatus = row.get(3)?;
    let due_at: Option<DateTime<Utc>> = row.get(17)?;
    Ok(Remedy {
        id: row.get(0)?,
        case_id: row.get(1)?,
        kind: row.get(2)?,
        status,
        currency: row.get(4)?,
        value_cents: row.get(5)?,
        cost_cents: row.get(6)?,
        cost_is_default: row.get(7)?,
        coupon_percent_bp: row.get(8)?,
        gift_item: row.get(9)?,
        quantity: row.get(10)?,
        unit_cost_cents: row.get(11)?,
        postage_payer: row.get(12)?,
        postage_cents: row.get(13)?,
        terms: row.get(14)?,
        note: row.get(15)?,
        reference: row.get(16)?,
        due_at,
        delivered_at: row.get(18)?,
        next_statuses: status.next_statuses(),
        compliance_flags: json_list(row, 19)?,
        compliance_match: row.get(20)?,
        overdue: status.is_open() && due_at.is_some_and(|d| d < now),
        created_at: row.get(21)?,
        updated_at: row.get(22)?,
    })
}

/// A remedy ready to store: every amount parsed, defaults applied, compliance checked.
struct Valid {
    kind: RemedyKind,
    currency: String,
    value_cents: i64,
    cost_cents: i64,
    default_cost_cents: i64,
    cost_is_default: bool,
    coupon_percent_bp: Option<u32>,
    gift_item: Option<String>,
    quantity: Option<u32>,
    unit_cost_cents: Option<i64>,
    postage_payer: Option<PostagePayer>,
    postage_cents: Option<i64>,
    terms: String,
    note: String,
    reference: Option<String>,
    due_at: Option<DateTime<Utc>>,
    flags: Vec<String>,
    flag_match: Option<String>,
}

fn amount(field: &str, text: &str, currency: &str) -> Result<Option<i64>> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_amount(field, text, currency).map(Some)
    }
}

/// Checks what the owner typed. Fields that do not belong to the kind (a percentage on a
/// refund, a gift item on a coupon) are dropped, so a form that keeps stale inputs when
/// the kind changes stores only what applies.
fn validate(input: &RemedyInput, order_value_cents: Option<i64>) -> Result<Valid> {
    use RemedyKind::*;
    let kind = input
        .kind
        .ok_or_else(|| CoreError::validation("validation.required", "kind", "is required"))?;
    let currency = normalize_currency(&input.currency)?;
    let coupon_percent_bp = match kind {
        Coupon if !input.coupon_percent.trim().is_empty() => {
            Some(parse_percent("coupon_percent", &input.coupon_percent)?)
        }
        _ => None,
    };
    let takes_items = matches!(kind, Gift | Resend);
    let gift_item = match kind {
        Gift => {
            let item = text::optional("gift_item", &input.gift_item, 100)?;
            Some(item.ok_or_else(|| {
                CoreError::validation("validation.required", "gift_item", "name the gift")
            })?)
        }
        _ => None,
    };
    let quantity = if takes_items {
        let q = input.quantity.unwrap_or(1);
        if !(1..=MAX_QUANTITY).contains(&q) {
            return Err(CoreError::validation(
                "validation.range",
                "quantity",
                format!("must be 1 to {MAX_QUANTITY}"),
            ));
        }
        Some(q)
    } else {
        None
    };
    let unit_cost_cents = if takes_items {
        amount("unit_cost", &input.unit_cost, &currency)?
    } else {
        None
    };
    let postage_payer = match kind {
        // PLAYBOOK 5: on a return the seller pays the postage unless the owner says otherwise.
        ReturnRefund | Exchange => Some(input.postage_payer.unwrap_or(PostagePayer::Shop)),
        _ => None,
    };
    let postage_cents = match kind {
        ReturnRefund | Exchange | Resend | Gift | FreeShipping => {
            amount("postage", &input.postage, &currency)?
        }
        _ => None,
    };
    let basis = Basis {
        value_cents: amount("value", &input.value, &currency)?,
        coupon_percent_bp,
        quantity,
        unit_cost_cents,
        postage_payer,
        postage_cents,
        // Cases carry no currency of their own: the order is taken to be in the remedy's.
        order_value_cents,
    };
    let value_cents = defaults::value(kind, &basis)?;
    if matches!(kind, PartialRefund | Coupon) && value_cents == 0 {
        return Err(CoreError::validation(
            "validation.range",
            "value",
            "must be more than zero",
        ));
    }
    if kind == PartialRefund {
        if let Some(order) = basis.order_value_cents.filter(|o| value_cents > *o) {
            return Err(CoreError::validation(
                "validation.exceeds_order",
                "value",
                format!(
                    "a partial refund of {} is more than the order value {}",
                    format_money(value_cents, &currency),
                    format_money(order, &currency)
                ),
            ));
        }
    }
    let typed_cost = amount("cost", &input.cost, &currency)?;
    let default_cost_cents = defaults::cost(kind, value_cents, &basis)?;
    let cost_cents = typed_cost.unwrap_or(default_cost_cents);
    let terms = text::text("terms", &input.terms, 500)?;
    let note = text::text("note", &input.note, 2_000)?;
    let reference = text::optional("reference", &input.reference, 100)?;
    let checked = [
        terms.as_str(),
        note.as_str(),
        gift_item.as_deref().unwrap_or(""),
    ]
    .join("\n");
    let found = compliance::findings(&checked);
    let flags = compliance::compliance_flags(&checked);
    Ok(Valid {
        kind,
        currency,
        value_cents,
        cost_cents,
        default_cost_cents,
        cost_is_default: typed_cost.is_none(),
        coupon_percent_bp,
        gift_item,
        quantity,
        unit_cost_cents,
        postage_payer,
        postage_cents,
        terms,
        note,
        reference,
        due_at: input.due_at,
        flags,
        flag_match: found.into_iter().next().map(|f| f.matched),
    })
}

/// "部分退款 ¥20.00" / "partial refund ¥20.00".
pub fn describe(r: &Remedy, lang: Lang) -> String {
    let mut s = format!(
        "{} {}",
        r.kind.label(lang),
        format_money(r.value_cents, &r.currency)
    );
    if let Some(bp) = r.coupon_percent_bp {
        let off = super::money::format_amount(i64::from(bp), "CNY");
        let off = off.trim_end_matches('0').trim_end_matches('.');
        s.push_str(&format!(" ({off}%)"));
    }
    if let (Some(item), Some(q)) = (&r.gift_item, r.quantity) {
        s.push_str(&format!(" {item} × {q}"));
    }
    s
}

/// What kind and amount leave out: "硅胶杯垫 × 3", "15% off", "运费店铺承担".
pub fn details(r: &Remedy, lang: Lang) -> String {
    let en = lang.is_en();
    let mut parts: Vec<String> = Vec::new();
    if let Some(bp) = r.coupon_percent_bp {
        let pct = super::money::format_amount(i64::from(bp), "CNY");
        let pct = pct.trim_end_matches('0').trim_end_matches('.');
        parts.push(if en {
            format!("{pct}% off")
        } else {
            format!("{pct}%优惠")
        });
    }
    if let (Some(item), Some(q)) = (&r.gift_item, r.quantity) {
        parts.push(format!("{item} × {q}"));
    }
    if let Some(p) = r.postage_payer {
        parts.push(p.label(lang).to_string());
    }
    parts.join(if en { ", " } else { "，" })
}

fn order_value(conn: &Connection, case_id: i64) -> Result<Option<i64>> {
    Ok(cases::get(conn, case_id)?.order_value_cents)
}

/// What the remedy form shows while the owner types: the amounts as they would be stored,
/// the kind's default cost beside the typed one, and any compliance flag. Nothing is
/// written; a bad amount fails with the same error the save would.
pub fn preview_remedy(
    conn: &Connection,
    case_id: i64,
    input: &RemedyInput,
) -> Result<RemedyPreview> {
    let v = validate(input, order_value(conn, case_id)?)?;
    Ok(RemedyPreview {
        currency: v.currency,
        value_cents: v.value_cents,
        cost_cents: v.cost_cents,
        default_cost_cents: v.default_cost_cents,
        cost_is_default: v.cost_is_default,
        compliance_flags: v.flags,
        compliance_match: v.flag_match,
    })
}

/// Records a remedy on a case as proposed.
pub fn add_remedy(
    conn: &mut Connection,
    case_id: i64,
    input: &RemedyInput,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Remedy> {
    let v = validate(input, order_value(conn, case_id)?)?;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO remedies(case_id, kind, status, currency, value_cents, cost_cents,
            cost_is_default, coupon_percent_bp, gift_item, quantity, unit_cost_cents, postage_payer,
            postage_cents, terms, note, reference, due_at, compliance_flags, compliance_match,
            created_at, updated_at)
         VALUES (?1, ?2, 'proposed', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
            ?17, ?18, ?19, ?19)",
        params![
            case_id,
            v.kind,
            v.currency,
            v.value_cents,
            v.cost_cents,
            v.cost_is_default,
            v.coupon_percent_bp,
            v.gift_item,
            v.quantity,
            v.unit_cost_cents,
            v.postage_payer,
            v.postage_cents,
            v.terms,
            v.note,
            v.reference,
            v.due_at,
            serde_json::to_string(&v.flags)?,
            v.flag_match,
            now,
        ],
    )?;
    let id = tx.last_insert_rowid();
    let stored = get_remedy(&tx, id, now)?;
    let mut e = about(EventKind::RemedyAdded, CommitmentKind::Remedy, id);
    e.new_value = Some(stored.kind.to_string());
    e.detail.new = Some(remedy_parts(&stored));
    e.note = Some(stored.note.clone());
    events::log(&tx, case_id, now, actor, e)?;
    if !stored.compliance_flags.is_empty() {
        events::compliance(
            &tx,
            case_id,
            now,
            actor,
            CommitmentKind::Remedy,
            id,
            &stored.compliance_flags,
            stored.compliance_match.clone(),
        )?;
    }
    tx.commit()?;
    Ok(stored)
}

/// Rewrites a remedy's terms. The kind can change only while it is still a proposal;
/// amounts stay editable afterwards because the real cost is often known only later.
pub fn update_remedy(
    conn: &mut Connection,
    id: i64,
    input: &RemedyInput,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Remedy> {
    let tx = conn.transaction()?;
    let before = get_remedy(&tx, id, now)?;
    let mut input = input.clone();
    let kind = input.kind.get_or_insert(before.kind);
    if *kind != before.kind && before.status != RemedyStatus::Proposed {
        return Err(CoreError::validation(
            "validation.remedy_kind_locked",
            "kind",
            format!(
                "the kind of a remedy can change only while it is proposed (it is {})",
                before.status
            ),
        ));
    }
    let v = validate(&input, order_value(&tx, before.case_id)?)?;
    tx.execute(
        "UPDATE remedies SET kind = ?1, currency = ?2, value_cents = ?3, cost_cents = ?4,
            cost_is_default = ?5, coupon_percent_bp = ?6, gift_item = ?7, quantity = ?8,
            unit_cost_cents = ?9, postage_payer = ?10, postage_cents = ?11, terms = ?12, note = ?13,
            reference = ?14, due_at = ?15, compliance_flags = ?16, compliance_match = ?17,
            updated_at = ?18
         WHERE id = ?19",
        params![
            v.kind,
            v.currency,
            v.value_cents,
            v.cost_cents,
            v.cost_is_default,
            v.coupon_percent_bp,
            v.gift_item,
            v.quantity,
            v.unit_cost_cents,
            v.postage_payer,
            v.postage_cents,
            v.terms,
            v.note,
            v.reference,
            v.due_at,
            serde_json::to_string(&v.flags)?,
            v.flag_match,
            now,
            id,
        ],
    )?;
    let after = get_remedy(&tx, id, now)?;
    let mut e = about(EventKind::RemedyEdited, CommitmentKind::Remedy, id);
    e.old_value = Some(before.kind.to_string());
    e.new_value = Some(after.kind.to_string());
    e.detail.old = Some(remedy_parts(&before));
    e.detail.new = Some(remedy_parts(&after));
    events::log(&tx, after.case_id, now, actor, e)?;
    if after.compliance_flags != before.compliance_flags && !after.compliance_flags.is_empty() {
        events::compliance(
            &tx,
            after.case_id,
            now,
            actor,
            CommitmentKind::Remedy,
            id,
            &after.compliance_flags,
            after.compliance_match.clone(),
        )?;
    }
    tx.commit()?;
    Ok(after)
}

/// Moves a remedy along proposed → accepted → delivered (or declined/cancelled); illegal
/// moves are refused with `invalid_transition` and nothing is written.
pub fn set_remedy_status(
    conn: &mut Connection,
    id: i64,
    to: RemedyStatus,
    change: &RemedyStatusChange,
    actor: &str,
    now: DateTime<Utc>,
) -> Result<Remedy> {
    let tx = conn.transaction()?;
    let before = get_remedy(&tx, id, now)?;
    check_move(REMEDY_MOVES, before.status, to)?;
    let reference = text::optional("reference", &change.reference, 100)?.or(before.reference);
    let note = text::optional("note", &change.note, 2_000)?;
    let delivered_at = if to == RemedyStatus::Delivered {
        let at = change.delivered_at.unwrap_or(now);
        if at < before.created_at {
            return Err(CoreError::validation(
                "validation.range",
                "delivered_at",
                "cannot be before the remedy was recorded",
            ));
        }
        Some(at)
    } else {
        None
    };
    tx.execute(
        "UPDATE remedies SET status = ?1, reference = ?2, delivered_at = ?3, updated_at = ?4
         WHERE id = ?5",
        params![to, reference, delivered_at, now, id],
    )?;
    let mut e = about(EventKind::RemedyStatus, CommitmentKind::Remedy, id);
    e.old_value = Some(before.status.to_string());
    e.new_value = Some(to.to_string());
    e.note = note;
    events::log(&tx, before.case_id, now, actor, e)?;
    tx.commit()?;
    get_remedy(conn, id, now)
}

pub fn get_remedy(conn: &Connection, id: i64, now: DateTime<Utc>) -> Result<Remedy> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM remedies WHERE id = ?1"),
        [id],
        |r| row_to_remedy(r, now),
    )
    .optional()?
    .ok_or_else(|| CoreError::not_found("remedy", id))
}

/// A case's remedies, oldest first; `case_id = None` lists every case's.
pub fn list_remedies(
    conn: &Connection,
    case_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Remedy>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM remedies WHERE ?1 IS NULL OR case_id = ?1 ORDER BY case_id, id"
    ))?;
    let rows = stmt.query_map([case_id], |r| row_to_remedy(r, now))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
