// Generated from the Rust types in src-tauri/core. Do not edit by hand:
// run `HAOPING_UPDATE_BINDINGS=1 cargo test -p haoping-core bindings` instead.

export type ErrorPayload = { code: string, message: string, field?: string, };

export type Platform = "taobao" | "tmall" | "jd" | "pinduoduo" | "douyin" | "meituan" | "amazon" | "shopify" | "other";

export type Cause = "quality" | "not_as_described" | "logistics" | "packaging" | "service" | "shipping_error" | "price" | "malicious" | "misattributed" | "other";

export type CaseStatus = "new" | "contacting" | "negotiating" | "waiting_update" | "resolved" | "closed";

export type Case = { id: number, platform: Platform, shop: string, order_id: string | null, review_id: string | null, buyer_nick: string | null, buyer_phone_masked: string | null, buyer_tz: string, product: string, stars: number, review_text: string, review_time: string, has_photos: boolean, order_value_cents: number | null, lang: string, seller_reply: string | null, follow_up_text: string | null, primary_cause: Cause, causes: Array<Cause>, severity: number, flags: Array<string>, triage_reasons: Array<string>, labels_locked: boolean, status: CaseStatus, outcome: string | null, source: string, created_at: string, updated_at: string, };

export type CaseEvent = { id: number, case_id: number, at: string, actor: string, 
/**
 * `created`, `status`, `field`, `note`, …
 */
kind: string, field: string | null, old_value: string | null, new_value: string | null, note: string | null, };

export type CaseDetail = { case: Case, buyer_phone: string | null, history: Array<CaseEvent>, 
/**
 * Where the owner may move the case from here.
 */
next_statuses: Array<CaseStatus>, };

export type NewCase = { platform: string, shop: string, order_id: string, review_id: string, buyer_nick: string, buyer_phone: string, product: string, stars: number, review_text: string, 
/**
 * RFC 3339; empty means now.
 */
review_time: string, has_photos: boolean, order_value_cents: number | null, 
/**
 * Empty means: guess from the text.
 */
lang: string, };

export type SortKey = "review_time" | "platform" | "product" | "buyer" | "stars" | "cause" | "severity" | "status" | "updated_at";

export type CaseFilter = { 
/**
 * Any substring of the review, product, buyer nickname or order number.
 */
query: string, statuses: Array<CaseStatus>, platforms: Array<Platform>, stars: Array<number>, causes: Array<Cause>, min_severity: number | null, product: string | null, 
/**
 * Review time bounds, inclusive.
 */
from: string | null, to: string | null, 
/**
 * Only cases still in the loop (not resolved/closed).
 */
open_only: boolean, sort: SortKey, descending: boolean, 
/**
 * 0 means no limit.
 */
limit: number, offset: number, };

export type CasePage = { total: number, items: Array<Case>, };

export type Settings = { 
/**
 * `zh-CN` or `en`.
 */
language: string, 
/**
 * Who is at the keyboard; written into every history entry.
 */
operator: string, 
/**
 * Shop name used when a case names none, and in drafts' sign-off.
 */
shop_name: string, };

export type StartupStatus = { 
/**
 * Why the database could not be opened; the UI shows it instead of the inbox.
 */
error: ErrorPayload | null, db_path: string, 
/**
 * A development build, with its own data directory.
 */
dev: boolean, };

export type Triage = { primary: Cause, causes: Array<Cause>, severity: number, flags: Array<string>, reasons: Array<string>, };
