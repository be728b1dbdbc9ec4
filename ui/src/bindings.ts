// Generated from the Rust types in src-tauri/core. Do not edit by hand:
// run `HAOPING_UPDATE_BINDINGS=1 cargo test -p haoping-core bindings` instead.

export type ErrorPayload = { code: string, message: string, field?: string, 
/**
 * The file an error is about (a damaged database, a backup, an archive).
 */
path?: string, };

export type Lang = "zh" | "en";

export type Platform = "taobao" | "tmall" | "jd" | "pinduoduo" | "douyin" | "meituan" | "amazon" | "shopify" | "other";

export type Cause = "quality" | "not_as_described" | "logistics" | "packaging" | "service" | "shipping_error" | "price" | "malicious" | "misattributed" | "other";

export type CaseStatus = "new" | "contacting" | "negotiating" | "waiting_update" | "resolved" | "closed";

export type CaseSource = "manual" | "paste" | "import";

export type Case = { id: number, platform: Platform, shop: string, order_id: string | null, review_id: string | null, buyer_nick: string | null, buyer_phone_masked: string | null, buyer_tz: string, product: string, stars: number, review_text: string, review_time: string, has_photos: boolean, order_value_cents: number | null, lang: Lang, seller_reply: string | null, follow_up_text: string | null, primary_cause: Cause, causes: Array<Cause>, severity: number, flags: Array<string>, triage_reasons: Array<string>, labels_locked: boolean, status: CaseStatus, outcome: string | null, source: CaseSource, created_at: string, updated_at: string, 
/**
 * Came in as history (older than the first-reply window when imported, or imported
 * as history): no first-reply or call-back reminders of its own.
 */
backlog: boolean, 
/**
 * When the owner took it out of the backlog to follow it up; its first reply is
 * due counting from then.
 */
followup_from: string | null, };

export type EventKind = "created" | "status" | "reopened" | "note" | "labels" | "field" | "draft_copied" | "contact" | "remedy_added" | "remedy_edited" | "remedy_status" | "compliance_flag" | "promise_added" | "promise_status" | "promise_due" | "outcome" | "appeal_added" | "appeal_edited" | "appeal_status" | "evidence_added" | "evidence_removed" | "followup_started" | "other";

export type CommitmentKind = "remedy" | "promise" | "appeal";

export type Commitment = { case_id: number, kind: CommitmentKind, 
/**
 * Id of the remedy, promise or appeal row.
 */
ref_id: number, 
/**
 * Short human label, e.g. "部分退款 ¥20" / "call back tomorrow".
 */
label: string, due_at: string, };

export type EventSubject = { kind: CommitmentKind, id: number, };

export type EventParts = { severity?: number, final_stars?: number, 
/**
 * How the buyer was contacted (`phone`, `platform_im`, …).
 */
channel?: string, value_cents?: number, cost_cents?: number, currency?: string, 
/**
 * Percent-off coupons, in basis points.
 */
coupon_percent_bp?: number, gift_item?: string, quantity?: number, 
/**
 * A promise's due time or an appeal's deadline.
 */
due_at?: string, size_bytes?: number, sha256?: string, 
/**
 * Stable codes, e.g. the compliance rules a remedy's terms break.
 */
codes?: Array<string>, };

export type ImportRow = { file: string, row: number, };

export type EventDetail = { subject?: EventSubject, old?: EventParts, new?: EventParts, import?: ImportRow, 
/**
 * Why the change was made, as a code the UI words (`too_old`: closed as too old to
 * follow up; `handled`: marked handled while sorting the backlog).
 */
reason?: string, };

export type CaseEvent = { id: number, case_id: number, at: string, actor: string, kind: EventKind, 
/**
 * The case field changed (`status`, `review_text`, …) or the draft channel copied.
 */
field: string | null, 
/**
 * A value: a code, a number, a time or text as typed; never display text. (Entries
 * written before values were kept this way may hold text as it was shown then.)
 */
old_value: string | null, new_value: string | null, note: string | null, detail: EventDetail, };

export type CaseDetail = { case: Case, buyer_phone: string | null, history: Array<CaseEvent>, 
/**
 * Why triage labelled it so, in both languages (the window shows its own).
 */
reasons: Array<Reason>, 
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
lang: string, 
/**
 * What the buyer added later (追评), when known.
 */
follow_up_text: string, 
/**
 * The shop's public reply, when there is one.
 */
seller_reply: string, };

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
open_only: boolean, 
/**
 * The urgent view: severity 3 or any risk flag, most severe first.
 */
urgent_only: boolean, 
/**
 * Only the backlog waiting to be sorted: cases that came in as history, still new,
 * not yet taken up for follow-up (`Case::in_backlog`).
 */
backlog: boolean, 
/**
 * Only these cases (a selection made by hand); empty: no restriction.
 */
ids: number[], sort: SortKey, descending: boolean, 
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

export type FirstScreen = { settings: Settings, 
/**
 * None when Today could not be read: the screen then asks itself and says why.
 */
today: TodayView | null, 
/**
 * Whether any case is stored: an empty Today offers the demo shop only when none is.
 */
has_cases: boolean, };

export type AppStart = { status: StartupStatus, 
/**
 * None when the database did not open (`status.error` says why).
 */
first_screen: FirstScreen | null, };

export type Flag = "malicious" | "misattributed" | "asks_refund" | "asks_return" | "asks_exchange" | "mentions_staff" | "mentions_courier" | "keyword_alert";

export type ReasonKind = "cause" | "owner_keyword" | "model" | "ai" | "safety" | "escalation" | "one_star" | "photos" | "high_value" | "repeat_buyer" | "extortion" | "insult" | "never_bought" | "competitor" | "misattributed" | "product_mismatch" | "asks_refund" | "asks_return" | "asks_exchange" | "staff" | "courier" | "keyword_alert";

export type Reason = { kind: ReasonKind, 
/**
 * Set for `cause` and `owner_keyword` reasons.
 */
cause: Cause | null, 
/**
 * The words of the review (or the value) behind the reason.
 */
term: string, zh: string, en: string, };

export type Triage = { primary: Cause, 
/**
 * All causes, primary first.
 */
causes: Array<Cause>, 
/**
 * 1 (routine) to 3 (urgent).
 */
severity: number, flags: Array<Flag>, 
/**
 * Human-readable reasons in the requested language, in the order found.
 */
reasons: Array<string>, 
/**
 * The same reasons, structured and in both languages.
 */
details: Array<Reason>, };

export type OwnerKeyword = { id: number, cause: Cause, term: string, 
/**
 * Applies to cases whose product name contains this text; empty = all products.
 */
product: string, };

export type KeywordAlert = { id: number, term: string, 
/**
 * Applies to cases whose product name contains this text; empty = all products.
 */
product: string, enabled: boolean, };

export type NewKeyword = { cause: Cause | null, term: string, product: string, };

export type NewAlert = { term: string, product: string, };

export type TriageConfig = { 
/**
 * Orders worth at least this much (fen) raise severity; 0 = never.
 */
high_value_cents: number, };

export type AlertHit = { case_id: number, alert_id: number, term: string, product: string, 
/**
 * The start of the review, for the notification body.
 */
excerpt: string, };

export type RetriageSummary = { 
/**
 * Cases when the run started.
 */
total: number, 
/**
 * Cases looked at (all of them unless cancelled).
 */
processed: number, 
/**
 * Cases whose labels, severity, flags or reasons changed.
 */
changed: number, 
/**
 * Cases left alone because the owner corrected their labels.
 */
locked: number, 
/**
 * New keyword-alert hits found.
 */
new_alert_hits: number, 
/**
 * Stopped by the progress callback; the batches done so far are kept.
 */
cancelled: boolean, };

export type CauseCount = { cause: Cause, severity: number, count: number, };

export type AlertUsage = { id: number, term: string, product: string, enabled: boolean, 
/**
 * Stored cases this alert marked.
 */
hits: number, 
/**
 * When the latest of them was marked.
 */
last_hit: string | null, 
/**
 * That latest case, so the owner can open it.
 */
last_case_id: number | null, };

export type AlertNotice = { title: string, body: string, };

export type RetriageProgress = { done: number, total: number, };

export type RetriageOutcome = { summary: RetriageSummary | null, error: ErrorPayload | null, finished_at: string, };

export type RetriageState = { running: boolean, progress: RetriageProgress | null, last: RetriageOutcome | null, };

export type AiTriageProblem = { code: string, message: string, };

export type AiTriage = { 
/**
 * The endpoint's labels (with severity and flags from the local reading) when its
 * answer passed the checks; the local labels otherwise.
 */
triage: Triage, used_ai: boolean, 
/**
 * The endpoint chose the same primary cause as the local reading.
 */
agrees: boolean, 
/**
 * The model that answered, as the server names it (empty when none did).
 */
model: string, problem: AiTriageProblem | null, };

export type CaseField = "review_id" | "order_id" | "buyer_nick" | "product" | "rating" | "title" | "review_text" | "review_time" | "seller_reply" | "follow_up_text" | "order_value" | "photos";

export type FieldColumn = { field: CaseField, 
/**
 * The column's header text as shown in the preview (`Column 3` when it has none).
 */
column: string, };

export type RatingValue = { value: string, stars: number, };

export type RatingMap = { "kind": "auto" } | { "kind": "values", values: Array<RatingValue>, };

export type ColumnMapping = { platform: Platform, fields: Array<FieldColumn>, rating: RatingMap, 
/**
 * Product name for rows whose product cell is empty or when no column is mapped.
 */
default_product: string, 
/**
 * IANA zone in which times without an offset are read (seller backends print
 * Beijing time).
 */
timezone: string, 
/**
 * Turn the two characters `\n` inside texts into line breaks (some exports escape
 * them).
 */
unescape_newlines: boolean, };

export type SavedMapping = { id: number, shop: string, name: string, headers: Array<string>, mapping: ColumnMapping, updated_at: string, };

export type PresetInfo = { name: string, label_zh: string, label_en: string, platform: Platform, };

export type RejectCode = "undecodable" | "truncated" | "field_too_long" | "missing_rating" | "bad_rating" | "bad_time" | "future_time" | "missing_text" | "text_too_long" | "missing_product" | "order_id_mangled" | "bad_value";

export type RejectedRow = { 
/**
 * Line of the file where the record starts (1 = first line), or the sheet's row number.
 */
row: number, code: RejectCode, 
/**
 * The column at fault, when one is.
 */
column: string | null, 
/**
 * English explanation, for logs and the CLI.
 */
reason: string, };

export type FileKind = "csv" | "xlsx" | "xls";

export type MappingSource = "explicit" | "preset" | "saved" | "suggested";

export type PreviewRow = { row: number, 
/**
 * The cells as read, one per header column.
 */
cells: Array<string>, 
/**
 * `case`, `stats_only` or `rejected`.
 */
outcome: string, stars: number | null, product: string | null, review_text: string | null, review_time: string | null, order_id: string | null, review_id: string | null, buyer_nick: string | null, rejected: RejectedRow | null, };

export type Preview = { kind: FileKind, 
/**
 * WHATWG encoding name (`UTF-8`, `GBK`, `UTF-16LE`…); empty for spreadsheets.
 */
encoding: string, bom: boolean, 
/**
 * The field separator (`,`, tab, `;`, `|`); empty for spreadsheets.
 */
delimiter: string, 
/**
 * Spreadsheet sheet read (the first one); empty for CSV.
 */
sheet: string, 
/**
 * Row number of the header (0 when the file has none and columns are numbered).
 */
header_row: number, headers: Array<string>, preset: string | null, mapping: ColumnMapping, mapping_source: MappingSource, saved_mapping_id: number | null, 
/**
 * Problems with the mapping that stop an import (codes such as `mapping.no_rating`).
 */
mapping_errors: Array<string>, 
/**
 * Things worth knowing that do not stop it (`mapping.no_time`: the import time is used).
 */
warnings: Array<string>, rows: Array<PreviewRow>, bytes_total: number, };

export type ImportOptions = { 
/**
 * Shop the reviews belong to; empty means the shop in settings.
 */
shop: string, 
/**
 * Use this preset instead of recognising one.
 */
preset: string | null, 
/**
 * Use this mapping (it wins over presets and saved mappings).
 */
mapping: ColumnMapping | null, 
/**
 * Force an encoding (`gbk`, `utf-8`, `utf-16le`…) instead of detecting it.
 */
encoding: string | null, 
/**
 * Reviews with at most this many stars become cases (3: bad and neutral); all
 * reviews, positives included, are counted in the statistics.
 */
max_case_stars: number, 
/**
 * Run everything, report, and write nothing.
 */
dry_run: boolean, 
/**
 * Every new case arrives as history (the backlog), however recent its review.
 * Reviews older than the first-reply window always do.
 */
as_history: boolean, 
/**
 * Written into each case's history.
 */
actor: string, 
/**
 * At most this many rejected rows are listed in the report (all are counted).
 */
max_rejected_listed: number, };

export type ImportProgress = { rows_done: number, bytes_done: number, bytes_total: number, new: number, updated: number, duplicates: number, rejected: number, };

export type ImportReport = { import_id: number | null, dry_run: boolean, file_name: string, kind: FileKind, encoding: string, preset: string | null, mapping_source: MappingSource, 
/**
 * Data rows read (the header and empty rows are not counted).
 */
rows_read: number, 
/**
 * New cases created.
 */
new: number, 
/**
 * Known reviews whose fields changed (case updated and/or statistics moved).
 */
updated: number, 
/**
 * Reviews already imported, unchanged.
 */
duplicates: number, 
/**
 * Of the new cases, those that arrived as history: they wait in the backlog
 * instead of asking for a first reply.
 */
backlog: number, 
/**
 * New reviews above the threshold: counted in the statistics, no case.
 */
stats_only: number, empty_rows: number, rejected_total: number, 
/**
 * The first rejected rows (up to `max_rejected_listed`).
 */
rejected: Array<RejectedRow>, warnings: Array<string>, };

export type Extracted<T> = { value: T, confidence: number, };

export type PastedReview = { platform: Extracted<Platform> | null, buyer_nick: Extracted<string> | null, stars: Extracted<number> | null, review_time: Extracted<string> | null, order_id: Extracted<string> | null, product: Extracted<string> | null, review_text: Extracted<string> | null, follow_up_text: Extracted<string> | null, seller_reply: Extracted<string> | null, };

export type Channel = "public" | "private" | "phone";

export type Severity = "info" | "warning" | "blocking";

export type TemplateSource = "builtin" | "edited" | "owner";

export type Span = { start: number, end: number, };

export type PartRole = "benefit" | "condition" | "review_action" | "buyer" | "accusation" | "hardship" | "appeal";

export type FindingPart = { role: PartRole, span: Span, excerpt: string, };

export type Finding = { severity: Severity, 
/**
 * Stable dotted code, e.g. `compliance.review_incentive`, `structure.missing_remedy`.
 */
code: string, message_zh: string, message_en: string, 
/**
 * Where in the text; `null` for something missing from the whole text.
 */
span: Span | null, 
/**
 * The words the finding is about (empty when `span` is null).
 */
excerpt: string, 
/**
 * The pieces the finding is built from, in text order (empty for single-word findings).
 */
parts: Array<FindingPart>, 
/**
 * The rule the finding rests on where the shop sells ("《电子商务法》第十七条…",
 * "FTC rule on consumer reviews, 16 CFR Part 465"); empty when no rule is cited.
 */
rule_zh: string, rule_en: string, };

export type Draft = { channel: Channel, lang: Lang, 
/**
 * Which variant this is; pass `variant + 1` as the seed for "another version".
 */
variant: number, 
/**
 * How many variants exist for this case's cause, channel and language.
 */
variants: number, 
/**
 * The template the text came from (`quality.public.zh.2`, `owner.17`).
 */
template_key: string, text: string, findings: Array<Finding>, 
/**
 * Length as the platform counts it (characters).
 */
chars: number, 
/**
 * The platform's limit for this channel, when it has one.
 */
cap: number | null, 
/**
 * The problem the draft names, and where it came from.
 */
problem: ProblemNote, };

export type TemplateEntry = { 
/**
 * `cause.channel.lang.n` for built-ins, `owner.<id>` for the owner's own.
 */
key: string, cause: Cause, channel: Channel, lang: Lang, source: TemplateSource, enabled: boolean, body: string, 
/**
 * The shipped text, for built-ins (also when edited), to compare or reset.
 */
builtin_body: string | null, };

export type TemplateFilter = { cause: Cause | null, channel: Channel | null, lang: Lang | null, };

export type NewTemplate = { cause: Cause, channel: Channel, lang: Lang, body: string, };

export type TemplateProblem = { 
/**
 * `template.unknown_variable`, `template.unclosed_brace`, `template.stray_brace`,
 * `template.empty_variable`, `template.nested_brace`, `template.empty`.
 */
code: string, 
/**
 * The offending variable name, when there is one.
 */
variable: string | null, 
/**
 * UTF-16 offsets of the offending text.
 */
span: Span, 
/**
 * 1-based line and column (in characters) for people.
 */
line: number, column: number, message_zh: string, message_en: string, };

export type TemplateVariable = { name: string, description_zh: string, description_en: string, };

export type DraftPrefs = { signoff_zh: string, signoff_en: string, };

export type ProblemSource = "catalogue" | "review" | "cause";

export type ProblemNote = { 
/**
 * The words the draft uses.
 */
phrase: string, source: ProblemSource, 
/**
 * The review's words it was read from (empty for `cause`).
 */
excerpt: string, 
/**
 * Where those words are, in UTF-16 code units of `review_text`, or of
 * `follow_up_text` when `in_follow_up`; `null` for `cause`.
 */
span: Span | null, in_follow_up: boolean, 
/**
 * The kind of remedy the problem calls for when it is not the cause's usual one
 * (a rude courier calls for an apology and a commitment, not new goods).
 */
fit: Fit | null, };

export type Fit = "goods" | "food" | "stay" | "delay" | "transit" | "missing" | "dispatch" | "staff" | "appointment" | "fees" | "after_sales" | "price" | "value";

export type AiSettings = { 
/**
 * Off by default: nothing leaves the computer until the owner turns it on.
 */
enabled: boolean, 
/**
 * The API root, e.g. `http://localhost:11434/v1` (Ollama),
 * `http://127.0.0.1:8080/v1` (llama.cpp server) or `https://api.openai.com/v1`.
 */
base_url: string, model: string, 
/**
 * Seconds to wait for the server to start answering, and between streamed pieces.
 */
timeout_secs: number, };

export type AiStatus = { settings: AiSettings, 
/**
 * An API key is stored in the OS keychain.
 */
has_key: boolean, 
/**
 * False when the OS keychain cannot be reached (e.g. Linux without a Secret Service):
 * no key can be stored, but a local server that needs none still works.
 */
keychain_available: boolean, 
/**
 * Turned on, with an endpoint and a model: the case tab can generate.
 */
ready: boolean, };

export type ApiKey = string;

export type KeyUpdate = { "action": "keep" } | { "action": "set", "key": ApiKey } | { "action": "clear" };

export type AiDraft = { channel: Channel, lang: Lang, 
/**
 * The model that answered, as the server names it.
 */
model: string, text: string, findings: Array<Finding>, 
/**
 * Length as the platform counts it (characters).
 */
chars: number, 
/**
 * The platform's limit for this channel, when it has one.
 */
cap: number | null, 
/**
 * The server stopped at its own length limit: the text may end mid-sentence.
 */
truncated: boolean, elapsed_ms: number, };

export type AiTestResult = { 
/**
 * The model that answered, as the server names it.
 */
model: string, latency_ms: number, 
/**
 * The first words of the answer, to show it is a real model.
 */
reply: string, 
/**
 * Models the server offers (`GET /models`), when it lists them; helps pick a name.
 */
models: Array<string>, };

export type AiChunk = { 
/**
 * Which generation this belongs to (the UI's request number).
 */
request: number, delta: string, };

export type ContactChannel = "platform_im" | "phone" | "sms" | "wechat" | "email";

export type ContactOutcome = "no_answer" | "replied" | "agreed" | "refused" | "call_later" | "blocked";

export type ContactAttempt = { id: number, case_id: number, at: string, channel: ContactChannel, outcome: ContactOutcome, note: string | null, 
/**
 * The buyer asked to be called back at this time.
 */
call_back_at: string | null, 
/**
 * The buyer agreed to update the review by this time.
 */
agreed_update_at: string | null, actor: string, };

export type NewContact = { case_id: number, channel: ContactChannel, outcome: ContactOutcome, note: string | null, 
/**
 * When the attempt happened; absent means now.
 */
at: string | null, 
/**
 * Only with outcome `call_later`.
 */
call_back_at: string | null, 
/**
 * Only with outcome `agreed`.
 */
agreed_update_at: string | null, };

export type WindowRule = { start: string, end: string, };

export type ShopZone = { shop: string, tz: string, };

export type FollowupRules = { 
/**
 * First reply due this many hours after the review.
 */
first_response_hours: number, 
/**
 * Warn this many hours before the first-reply deadline; 0 turns the warning off.
 */
first_response_warning_hours: number, 
/**
 * Call-back windows, buyer's local time.
 */
windows: Array<WindowRule>, call_on_weekends: boolean, 
/**
 * Off: no call-backs on mainland-China public holidays (for buyers in China) nor on
 * the owner's own days off.
 */
call_on_holidays: boolean, 
/**
 * The owner's own days without calls, any zone.
 */
extra_holidays: Array<string>, 
/**
 * Buyers' zone when neither the case nor its shop names one.
 */
default_tz: string, shop_zones: Array<ShopZone>, 
/**
 * Where the owner works: "snooze until tomorrow" means tomorrow morning here.
 */
owner_tz: string, 
/**
 * When the owner's day starts, `HH:MM`.
 */
owner_day_start: string, 
/**
 * No reply on written channels for this many days → suggest a phone call.
 */
escalate_after_days: number, 
/**
 * Revisit this many days after resolution.
 */
revisit_after_days: number, 
/**
 * Taobao/Tmall seller explanation closes this many days after the review.
 */
explanation_close_days: number, 
/**
 * Remind this many days before the explanation closes.
 */
explanation_warn_days: number, 
/**
 * Malicious-review appeals close this many days after the review.
 */
appeal_close_days: number, 
/**
 * Remind this many days before the appeal deadline.
 */
appeal_warn_days: number, };

export type CallWindow = { start: string, end: string, 
/**
 * The buyer's zone, e.g. `Asia/Shanghai`.
 */
tz: string, 
/**
 * The buyer's local date and times, as the owner should read them.
 */
local_date: string, local_start: string, local_end: string, };

export type ReminderKind = "first_response" | "first_response_warning" | "callback" | "escalate_phone" | "call_later" | "check_review_update" | "revisit" | "promise_due" | "appeal_deadline" | "explanation_deadline";

export type ReminderReason = { 
/**
 * e.g. `callback.no_answer`, `promise_due.remedy`.
 */
code: string, 
/**
 * Values the sentences use: local times, day counts, a promise's label.
 */
params: { [key in string]: string }, zh: string, en: string, };

export type Reminder = { case_id: number, kind: ReminderKind, 
/**
 * Tells apart several reminders of one kind on one case (e.g. `remedy:12`); empty
 * for most kinds.
 */
subject: string, due: string, 
/**
 * From then on the reminder counts as overdue (a call window's end, a deadline).
 */
late_at: string, 
/**
 * After this it is moot and no longer shown nor fired (the warning before a
 * deadline that has passed, an explanation field that has closed).
 */
expires_at: string | null, 
/**
 * The buyer's zone the times were placed in.
 */
tz: string, 
/**
 * For calls: the window the call is placed in.
 */
window: CallWindow | null, reason: ReminderReason, 
/**
 * The case waits in the backlog: the reminder counts down inside the backlog's
 * one Today item and never fires on its own.
 */
backlog: boolean, };

export type DueItem = { 
/**
 * The reminder row; pass it to `snooze` and `dismiss`.
 */
id: number, case_id: number, kind: ReminderKind, subject: string, due: string, late_at: string, expires_at: string | null, tz: string, window: CallWindow | null, reason: ReminderReason, 
/**
 * When it last fired as a notification; None while it has not.
 */
fired_at: string | null, fire_count: number, snoozed_until: string | null, 
/**
 * The time the scheduler will fire it next, if it will.
 */
next_fire_at: string | null, platform: Platform, product: string, buyer_nick: string | null, status: CaseStatus, 
/**
 * Its case waits in the backlog: counted in the backlog's Today item, never fired.
 */
backlog: boolean, };

export type SyncReport = { recomputed_cases: number, inserted: number, updated: number, removed: number, cleared: number, };

export type Snooze = "minutes_15" | "hour_1" | "next_window" | "tomorrow";

export type KindCount = { kind: ReminderKind, count: number, };

export type FiredBatch = { fired_at: string, 
/**
 * How many reminders fired.
 */
total: number, counts: Array<KindCount>, 
/**
 * Up to `BATCH_ITEMS` of them, earliest due first.
 */
items: Array<DueItem>, 
/**
 * Some fell due while the scheduler was not running (app closed, laptop asleep).
 */
catch_up: boolean, 
/**
 * One line for the notification, e.g. "3 call-backs and 1 promise are due".
 */
summary_zh: string, summary_en: string, };

export type Tick = { sync: SyncReport, fired: FiredBatch, 
/**
 * When to call `tick` again (None: nothing scheduled; wait to be poked).
 */
next_wake: string | null, };

export type TodayCounts = { 
/**
 * Non-call reminders due and not yet late (promises, SLA warnings, checks…).
 */
due_now: number, 
/**
 * Calls whose window is open right now.
 */
in_window: number, overdue: number, 
/**
 * Falling due within 24 hours (snoozed ones included, at their snooze time).
 */
coming_up: number, 
/**
 * Put off by the owner to a later time.
 */
snoozed: number, 
/**
 * Cases waiting in the backlog to be sorted (one Today item, never a reminder each).
 */
backlog: number, 
/**
 * Tray tooltip lines.
 */
tooltip_zh: string, tooltip_en: string, };

export type BacklogGroup = { 
/**
 * Cases waiting to be sorted (`CaseFilter::backlog` lists them).
 */
cases: number, 
/**
 * Of those, how many still have a platform window counting down (the seller
 * explanation, an appeal).
 */
reply_open: number, 
/**
 * When the first of those windows closes.
 */
first_closes: string | null, oldest_review: string | null, newest_review: string | null, };

export type TodayView = { now: string, 
/**
 * The top `TOP_ITEMS` of each section, most urgent first; `counts` has all.
 */
due_now: Array<DueItem>, in_window: Array<DueItem>, 
/**
 * Most overdue first.
 */
overdue: Array<DueItem>, coming_up: Array<DueItem>, counts: TodayCounts, backlog: BacklogGroup, 
/**
 * The call window open now / the next one, in the default buyer zone.
 */
current_window: CallWindow | null, next_window: CallWindow | null, };

export type NoticeOpen = { case_id?: number, };

export type TodaySection = "due_now" | "in_window" | "overdue" | "coming_up";

export type SectionQuery = { section: TodaySection, 
/**
 * Empty: every kind.
 */
kinds: Array<ReminderKind>, 
/**
 * A substring of the product or the buyer, or `#123` / `123` for a case.
 */
query: string, offset: number, 
/**
 * 0 means `TOP_ITEMS`; at most `GROUP_LIMIT`.
 */
limit: number, };

export type SectionPage = { section: TodaySection, 
/**
 * All items of the section that match the query.
 */
total: number, items: Array<DueItem>, };

export type ReplyWindow = { case_id: number, 
/**
 * `explanation_deadline` or `appeal_deadline`.
 */
kind: ReminderKind, closes_at: string, };

export type RemedyKind = "full_refund" | "partial_refund" | "return_refund" | "exchange" | "resend" | "repair" | "coupon" | "gift" | "free_shipping" | "promo_priority" | "points" | "other";

export type OfferedRemedy = { kind: RemedyKind, value_cents: number | null, currency: string, 
/**
 * Free description, e.g. the gift item or coupon terms.
 */
description: string, };

export type RemedyStatus = "proposed" | "accepted" | "delivered" | "declined" | "cancelled";

export type PostagePayer = "shop" | "buyer";

export type PromiseStatus = "open" | "kept" | "cancelled";

export type Remedy = { id: number, case_id: number, kind: RemedyKind, status: RemedyStatus, 
/**
 * ISO 4217 code; amounts below are in its minor units.
 */
currency: string, 
/**
 * What the buyer receives.
 */
value_cents: number, 
/**
 * What it costs the shop.
 */
cost_cents: number, 
/**
 * True when the cost was computed from the kind's default rule, not typed by the owner.
 */
cost_is_default: boolean, 
/**
 * Percent-off coupons, in basis points (1500 = 15 %).
 */
coupon_percent_bp: number | null, gift_item: string | null, quantity: number | null, unit_cost_cents: number | null, postage_payer: PostagePayer | null, postage_cents: number | null, 
/**
 * What the buyer is told (coupon conditions, gift details).
 */
terms: string, 
/**
 * The owner's own note.
 */
note: string, 
/**
 * Refund number, coupon code or tracking number.
 */
reference: string | null, due_at: string | null, delivered_at: string | null, 
/**
 * Where the owner may move it from here.
 */
next_statuses: Array<RemedyStatus>, 
/**
 * Compliance rule codes broken by the terms or note (see `compliance`).
 */
compliance_flags: Array<string>, 
/**
 * The words that triggered the first flag.
 */
compliance_match: string | null, 
/**
 * Open, with a due time already past (as of the time it was read).
 */
overdue: boolean, created_at: string, updated_at: string, };

export type RemedyInput = { kind: RemedyKind | null, 
/**
 * Empty: CNY.
 */
currency: string, 
/**
 * Value to the buyer. Empty: derived where possible (order value for a full refund,
 * percent of the order value for a percent coupon, unit cost × quantity for a gift).
 */
value: string, 
/**
 * Cost to the shop. Empty: the kind's default rule.
 */
cost: string, 
/**
 * Percent-off coupon ("15" or "15%").
 */
coupon_percent: string, gift_item: string, quantity: number | null, 
/**
 * Cost of one gift or replacement item.
 */
unit_cost: string, postage_payer: PostagePayer | null, 
/**
 * Postage the shop pays (returns, exchanges, resends, gifts).
 */
postage: string, terms: string, note: string, reference: string, due_at: string | null, };

export type RemedyPreview = { currency: string, value_cents: number, 
/**
 * The typed cost, else the default.
 */
cost_cents: number, 
/**
 * What the kind's rule says the shop pays, shown beside a typed cost.
 */
default_cost_cents: number, cost_is_default: boolean, compliance_flags: Array<string>, compliance_match: string | null, };

export type RemedyStatusChange = { 
/**
 * Refund number, coupon code or tracking number; kept when empty.
 */
reference: string, 
/**
 * When it was delivered; now when empty.
 */
delivered_at: string | null, note: string, };

export type Promise = { id: number, case_id: number, text: string, due_at: string, status: PromiseStatus, 
/**
 * Where the owner may move it from here.
 */
next_statuses: Array<PromiseStatus>, done_at: string | null, note: string, compliance_flags: Array<string>, compliance_match: string | null, overdue: boolean, created_at: string, updated_at: string, };

export type PromiseInput = { text: string, due_at: string | null, note: string, };

export type LedgerItem = { "type": "remedy" } & Remedy | { "type": "promise" } & Promise;

export type LedgerFilter = { case_id: number | null, 
/**
 * Only open entries whose due time has passed.
 */
overdue_only: boolean, 
/**
 * Only entries still owed (open remedies and promises).
 */
open_only: boolean, };

export type Outcome = "review_revised" | "follow_up_positive" | "removed_by_platform" | "explanation_only" | "buyer_unreachable" | "buyer_refused" | "other";

export type Resolution = { case_id: number, status: CaseStatus, outcome: Outcome | null, final_stars: number | null, closed_at: string | null, };

export type Bucket = { key: string, cost_cents: number, count: number, };

export type CurrencyTotals = { currency: string, spent_cents: number, 
/**
 * What the delivered remedies were worth to buyers.
 */
value_cents: number, delivered: number, pending_cents: number, 
/**
 * Local days `YYYY-MM-DD`, ISO weeks `YYYY-Www`, months `YYYY-MM`, in time order.
 */
by_day: Array<Bucket>, by_week: Array<Bucket>, by_month: Array<Bucket>, 
/**
 * Keys are `RemedyKind` codes, product names and `Cause` codes; largest cost first.
 */
by_kind: Array<Bucket>, by_product: Array<Bucket>, by_cause: Array<Bucket>, 
/**
 * Delivered cost on the cases closed in the period.
 */
closed_cases_cost_cents: number, cost_per_recovered_cents: number | null, };

export type OverdueCounts = { remedies: number, promises: number, appeals: number, total: number, };

export type OutcomeCount = { outcome: Outcome, count: number, };

export type Totals = { from: string, to: string, 
/**
 * The zone that decides which day a delivery falls on.
 */
tz: string, currencies: Array<CurrencyTotals>, 
/**
 * Cases closed in the period with an outcome, and how many of them were recovered.
 */
closed_cases: number, recovered_reviews: number, outcomes: Array<OutcomeCount>, 
/**
 * As of now, whatever the period.
 */
overdue: OverdueCounts, 
/**
 * Remedies recorded in the period whose terms or note broke the compliance rule.
 */
flagged_remedies: number, };

export type TotalsQuery = { from: string, to: string, 
/**
 * Restrict to one case.
 */
case_id: number | null, 
/**
 * IANA zone for the day/week/month buckets; empty means Asia/Shanghai.
 */
tz: string, };

export type CaseAmount = { currency: string, spent_cents: number, pending_cents: number, };

export type CaseCost = { case_id: number, amounts: Array<CaseAmount>, remedies: number, open_promises: number, 
/**
 * Open remedies, promises and draft appeals past their due time.
 */
overdue: number, 
/**
 * A remedy on the case carries a compliance flag.
 */
flagged: boolean, };

export type LedgerView = { items: Array<LedgerItem>, cases: Array<Case>, };

export type Owed = { case_id: number, 
/**
 * `remedy` or `promise`.
 */
kind: CommitmentKind, ref_id: number, 
/**
 * What it is, in the owner's language ("部分退款 ¥20.00", the promise's text).
 */
label: string, due_at: string | null, };

export type AppealReason = "extortion" | "competitor" | "fraud" | "insult_personal_data" | "misattributed";

export type AppealStatus = "draft" | "submitted" | "accepted" | "rejected" | "withdrawn";

export type Appeal = { id: number, case_id: number, reason: AppealReason, status: AppealStatus, 
/**
 * Where the owner may move it from here.
 */
next_statuses: Array<AppealStatus>, 
/**
 * Last moment to submit (review time + 30 days unless changed).
 */
deadline_at: string, submitted_at: string | null, decided_at: string | null, 
/**
 * The platform's appeal or ticket number.
 */
reference: string | null, note: string, outcome_note: string, evidence_count: number, 
/**
 * Still a draft and the deadline has passed (as of the time it was read).
 */
overdue: boolean, created_at: string, updated_at: string, };

export type AppealInput = { reason: AppealReason | null, 
/**
 * Empty: the review time + 30 days.
 */
deadline_at: string | null, note: string, reference: string, };

export type AppealStatusChange = { 
/**
 * The platform's appeal number; kept when empty.
 */
reference: string, 
/**
 * What the platform answered (on accepted/rejected).
 */
outcome_note: string, 
/**
 * When it happened; now when empty.
 */
at: string | null, };

export type Evidence = { id: number, appeal_id: number, 
/**
 * The name the file had when it was attached.
 */
file_name: string, 
/**
 * Hex SHA-256 of the content.
 */
sha256: string, size_bytes: number, 
/**
 * Relative to the data directory, e.g. `evidence/3f/3f…a1.png`.
 */
stored_path: string, media_type: string, added_at: string, };

export type PacketReport = { path: string, 
/**
 * Entry names in the zip, summary first.
 */
entries: Array<string>, bytes: number, };

export type Granularity = "day" | "week" | "month";

export type InsightsQuery = { from: string, to: string, platforms: Array<Platform>, shops: Array<string>, products: Array<string>, granularity: Granularity, };

export type Period = { 
/**
 * `2026-11-20` (day), `2026-W47` (ISO week), `2026-11` (month): the axis label.
 */
key: string, 
/**
 * The Beijing days it covers, clipped to the query's range.
 */
first_day: string, last_day: string, 
/**
 * The same as instants, both included: what `CaseFilter.from` / `to` take to open
 * the cases of this period.
 */
start: string, end: string, };

export type CaseDrill = { filter: CaseFilter, shops: Array<string>, 
/**
 * Several products (the inbox filter holds one, in `filter.product`).
 */
products: Array<string>, 
/**
 * Closed with an outcome in this range (both ends included).
 */
closed_from: string | null, closed_to: string | null, 
/**
 * First finished (resolved or closed) in this range (both ends included).
 */
resolved_from: string | null, resolved_to: string | null, outcomes: Array<Outcome>, 
/**
 * Only cases whose first contact came after the first-response deadline, or never
 * came and the deadline has passed.
 */
first_response_missed: boolean, 
/**
 * Only cases that matched this keyword alert.
 */
alert_id: number | null, inbox_exact: boolean, };

export type CauseTally = { cause: Cause, count: number, };

export type CauseSeries = { cause: Cause, counts: Array<number>, drill: CaseDrill, };

export type BadRate = { 
/**
 * False when no review statistics were imported for the range and filters: then
 * the UI hides the rate line.
 */
has_data: boolean, reviews: number[], bad_or_neutral: number[], 
/**
 * Per period; null where no review was imported.
 */
rate_bp: Array<number | null>, total_reviews: number, total_bad_or_neutral: number, total_rate_bp: number | null, };

export type Trend = { periods: Array<Period>, 
/**
 * Causes with at least one case in the range, largest first.
 */
by_cause: Array<CauseSeries>, bad: Array<number>, neutral: Array<number>, 
/**
 * bad + neutral.
 */
total: Array<number>, rate: BadRate, 
/**
 * All bad and neutral cases of the range.
 */
drill: CaseDrill, };

export type CauseShare = { cause: Cause, count: number, share_bp: number, drill: CaseDrill, };

export type ProductRow = { product: string, count: number, bad: number, neutral: number, top_causes: Array<CauseTally>, drill: CaseDrill, };

export type AlertRow = { alert_id: number, term: string, 
/**
 * The alert's product scope ('' = every product).
 */
product: string, enabled: boolean, hits: number, drill: CaseDrill, };

export type RecoveryCount = { closed: number, recovered: number, rate_bp: number | null, };

export type CauseRecovery = { cause: Cause, closed: number, recovered: number, rate_bp: number | null, 
/**
 * The recovered cases of this cause.
 */
drill: CaseDrill, };

export type Recovery = { periods: Array<Period>, closed: Array<number>, recovered: Array<number>, rate_bp: Array<number | null>, overall: RecoveryCount, 
/**
 * Causes with closed cases, most closed first.
 */
by_cause: Array<CauseRecovery>, outcomes: Array<OutcomeCount>, 
/**
 * The recovered cases of the range; `closed_from`/`closed_to` hold the range.
 */
drill: CaseDrill, };

export type DurationStat = { 
/**
 * How many cases were measured.
 */
cases: number, median_secs: number | null, 
/**
 * Per period; null where nothing was measured.
 */
median_by_period: Array<number | null>, 
/**
 * The cases measured (first contact: reviewed in the range; resolution: finished
 * in it, `resolved_from`/`resolved_to` hold the range).
 */
drill: CaseDrill, };

export type Deadlines = { hours: number, 
/**
 * First contact within the deadline.
 */
met: number, 
/**
 * First contact after the deadline.
 */
missed_late: number, 
/**
 * Never contacted and the deadline has passed.
 */
missed_no_contact: number, 
/**
 * missed_late + missed_no_contact.
 */
missed: number, 
/**
 * Not contacted yet, deadline still ahead.
 */
pending: number, missed_by_period: Array<number>, drill: CaseDrill, };

export type ResponseTimes = { periods: Array<Period>, first_contact: DurationStat, resolution: DurationStat, deadlines: Deadlines, };

export type KindSpend = { kind: RemedyKind, cost_cents: number, count: number, };

export type CurrencySpend = { currency: string, spent_by_period: number[], spent_cents: number, delivered: number, by_kind: Array<KindSpend>, 
/**
 * Still owed on proposed or accepted remedies, as of now.
 */
pending_cents: number, closed_cases_cost_cents: number, cost_per_recovered_cents: number | null, };

export type Spend = { periods: Array<Period>, 
/**
 * The shop's main currency (CNY) first.
 */
currencies: Array<CurrencySpend>, 
/**
 * Cases closed in the range and how many were recovered: the divisor of the cost
 * per recovered review.
 */
closed_cases: number, recovered: number, };

export type Dashboard = { query: InsightsQuery, generated_at: string, trend: Trend, causes: Array<CauseShare>, products: Array<ProductRow>, alerts: Array<AlertRow>, recovery: Recovery, response: ResponseTimes, spend: Spend, };

export type FilterOptions = { platforms: Array<Platform>, shops: Array<string>, products: Array<string>, 
/**
 * First and last Beijing review day with a case, for the "all time" preset.
 */
first_day: string | null, last_day: string | null, };

export type ReportRequest = { from: string, to: string, lang: Lang, platforms: Array<Platform>, shops: Array<string>, products: Array<string>, granularity: Granularity | null, };

export type ReportFormat = "xlsx" | "html";

export type Headline = { bad: number, neutral: number, bad_rate_bp: number | null, reviews: number, closed: number, recovered: number, recovery_rate_bp: number | null, median_first_contact_secs: number | null, median_resolution_secs: number | null, deadlines_missed: number, open_overdue: number, commitments_due: number, commitments_overdue: number, 
/**
 * Main currency (CNY unless the shop spent only in another).
 */
currency: string, spent_cents: number, cost_per_recovered_cents: number | null, };

export type OpenCase = { case_id: number, platform: Platform, shop: string, product: string, stars: number, cause: Cause, status: CaseStatus, review_time: string, 
/**
 * Hours since the deadline passed.
 */
hours_overdue: number, };

export type DueCommitment = { case_id: number, kind: CommitmentKind, ref_id: number, 
/**
 * In the report's language; personal data masked.
 */
label: string, due_at: string, overdue: boolean, product: string, };

export type RecurringProblem = { cause: Cause, problem: string, count: number, 
/**
 * The products it hit most (at most three), with their counts.
 */
products: Array<[string, number]>, suggestion: string, 
/**
 * `包装破损 ×12 → 加强包装（…）`
 */
line: string, drill: CaseDrill, };

export type Report = { request: ReportRequest, title: string, 
/**
 * `2026-11-01 – 2026-11-30`
 */
period_label: string, generated_at: string, headline: Headline, 
/**
 * Short sentences summing up the period, in the report's language.
 */
summary: Array<string>, dashboard: Dashboard, 
/**
 * Oldest first, at most `OPEN_CASES_LISTED`; `open_overdue_total` counts them all.
 */
open_overdue: Array<OpenCase>, open_overdue_total: number, commitments: Array<DueCommitment>, problems: Array<RecurringProblem>, };

export type ExportFormat = "csv" | "xlsx";

export type CaseExport = { selection: CaseDrill, include_personal_data: boolean, lang: Lang, };

export type ExportSummary = { format: ExportFormat, rows: number, personal_data: boolean, };

export type WrittenReport = { path: string, format: ReportFormat, 
/**
 * The printable page was opened in the browser.
 */
opened: boolean, };

export type WrittenExport = { path: string, summary: ExportSummary, };

export type BackupReason = "daily" | "manual" | "before_migration" | "before_import" | "before_restore" | "before_archive_import" | "before_update";

export type DataCounts = { cases: number, case_events: number, contact_attempts: number, remedies: number, promises: number, appeals: number, evidence: number, reminders: number, intake_reviews: number, settings: number, };

export type BackupInfo = { file_name: string, 
/**
 * The database file of the backup.
 */
path: string, reason: BackupReason, created_at: string, size_bytes: number, schema_version: bigint, app_version: string, counts: DataCounts, duration_ms: number, evidence_files: number, evidence_bytes: number, evidence_missing: number, 
/**
 * The file is there with the recorded size (a full check runs before a restore).
 */
good: boolean, 
/**
 * Why it is not good, in English for the log (the UI words `good == false` itself).
 */
problem: string | null, };

export type BackupStatus = { 
/**
 * Where backups go now (the chosen place, or the data dir's backups folder).
 */
dir: string, 
/**
 * The place the owner chose, if any.
 */
chosen_dir: string | null, default_dir: string, 
/**
 * The chosen place was missing at the last backup, which went to the default
 * folder instead; shown once, until `acknowledge_fallback`.
 */
fallback_notice: boolean, last_good: BackupInfo | null, 
/**
 * No good backup, or the last one is older than `stale_after_days`.
 */
stale: boolean, stale_after_days: number, count: number, };

export type RestoreReport = { restored_from: string, counts: DataCounts, 
/**
 * The backup of the database that was replaced (none when it could not be read).
 */
previous_backup: BackupInfo | null, 
/**
 * Where a damaged database was moved aside, kept exactly as it was.
 */
damaged_kept_at: string | null, 
/**
 * Evidence files the restored database names but no backup held.
 */
evidence_missing: Array<string>, 
/**
 * The restored file was from an older version and was brought up to date.
 */
migrated_from: bigint | null, };

export type ArchiveEntry = { name: string, size: number, sha256: string, };

export type ArchiveManifest = { format: number, app_version: string, schema_version: bigint, created_at: string, counts: DataCounts, entries: Array<ArchiveEntry>, };

export type ArchiveReport = { path: string, size_bytes: number, counts: DataCounts, evidence_files: number, 
/**
 * On import: the backup made of the (empty) database first.
 */
previous_backup: BackupInfo | null, };

export type DoctorCheck = { 
/**
 * `integrity`, `foreign_keys`, `case_status_history`, `remedy_totals`,
 * `case_day_totals`, `reminders_open`, `evidence_files`.
 */
name: string, ok: boolean, problems: Array<string>, problem_count: number, };

export type DoctorReport = { path: string, ok: boolean, schema_version: bigint, counts: DataCounts, checks: Array<DoctorCheck>, };

export type UpdatePrefs = { 
/**
 * Look for a new version quietly at start, at most once a day.
 */
auto_check: boolean, 
/**
 * When the app last asked the update source (quietly or by hand), answered or not.
 */
last_check: string | null, };

export type AvailableUpdate = { version: string, 
/**
 * The release notes, as written in the changelog (plain text with Markdown marks).
 */
notes: string | null, published: string | null, };

export type UpdateCheck = { current_version: string, 
/**
 * `None`: this version is the newest.
 */
available: AvailableUpdate | null, checked_at: string, };

export type UpdateStatus = { current_version: string, 
/**
 * Whether this build knows where updates come from (release builds do; a build made
 * from source without the release settings does not).
 */
configured: boolean, prefs: UpdatePrefs, 
/**
 * An update found earlier (by the quiet check or by hand) and not installed yet.
 */
available: AvailableUpdate | null, };

export type UpdateProgress = { "stage": "downloading", received: number, total: number | null, } | { "stage": "verified" } | { "stage": "backing_up" } | { "stage": "installing" } | { "stage": "restarting" };

export type BulkAction = { "kind": "set_status", status: CaseStatus, } | { "kind": "close_too_old" } | { "kind": "dismiss_reminders" } | { "kind": "start_followup" } | { "kind": "delete" };

export type SkipReason = "cannot_move" | "not_in_backlog" | "has_appeal" | "no_reminders";

export type SkipCount = { reason: SkipReason, count: number, };

export type BulkPreview = { action: BulkAction, 
/**
 * Cases in the selection: the number `run` must be given back as `expected`.
 */
cases: number, 
/**
 * Cases the action changes.
 */
applies: number, skipped: Array<SkipCount>, 
/**
 * Live reminders on the cases the action changes (what dismissing takes away).
 */
reminders: number, 
/**
 * When the action finishes or deletes cases: the first `OWED_LISTED` remedies not yet
 * delivered and open promises on them.
 */
owed: Array<Owed>, owed_total: number, 
/**
 * How many of the cases have something owed.
 */
owed_cases: number, };

export type BulkRequest = { 
/**
 * The inbox's filter (paging ignored), or `ids` for cases picked by hand.
 */
selection: CaseFilter, action: BulkAction, 
/**
 * The number of cases the owner confirmed (`BulkPreview::cases`); if the selection
 * holds another number by now, nothing is done.
 */
expected: number, };

export type BulkReport = { action: BulkAction, cases: number, changed: number, skipped: Array<SkipCount>, reminders_dismissed: number, };
