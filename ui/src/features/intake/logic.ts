// Pure helpers of the import screen: paths, column mappings, progress and the wording of
// the codes the core sends.
import type {
  CaseField,
  ColumnMapping,
  ImportProgress,
  NewCase,
  PastedReview,
  Preview,
  RejectedRow,
} from "../../bindings";
import { IpcError } from "../../api/ipc";

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

export const ALL_FIELDS: CaseField[] = [
  "review_text",
  "rating",
  "product",
  "review_time",
  "order_id",
  "review_id",
  "buyer_nick",
  "title",
  "follow_up_text",
  "seller_reply",
  "order_value",
  "photos",
];

export const ENCODINGS = ["utf-8", "gbk", "gb18030", "utf-16le", "utf-16be", "big5"];

export const TIMEZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Tokyo",
  "Asia/Singapore",
  "UTC",
  "Europe/London",
  "Europe/Berlin",
  "America/New_York",
  "America/Chicago",
  "America/Los_Angeles",
  "Australia/Sydney",
];

/**
 * A path as typed or pasted: Windows "Copy as path" wraps it in quotes, a file manager may
 * give a `file://` URL.
 */
export function cleanPath(raw: string): string {
  let s = raw.trim();
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) s = s.slice(1, -1).trim();
  if (/^file:\/\//i.test(s)) {
    try {
      s = decodeURIComponent(new URL(s).pathname);
      if (/^\/[A-Za-z]:[\\/]/.test(s)) s = s.slice(1);
    } catch {
      // not a URL after all: keep what was typed
    }
  }
  return s;
}

export function fileName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

export function fieldsOf(mapping: ColumnMapping, column: string): CaseField[] {
  return mapping.fields.filter((f) => f.column === column).map((f) => f.field);
}

/**
 * The mapping with `column` feeding exactly `fields`. Fields keep the order of the header
 * row, so a field fed by several columns joins them left to right.
 */
export function withColumnFields(
  mapping: ColumnMapping,
  headers: string[],
  column: string,
  fields: CaseField[],
): ColumnMapping {
  const byColumn = new Map<string, CaseField[]>();
  for (const h of headers) byColumn.set(h, fieldsOf(mapping, h));
  byColumn.set(column, [...fields]);
  const next = headers.flatMap((h) => (byColumn.get(h) ?? []).map((field) => ({ field, column: h })));
  // Columns not in this file (a mapping made for another layout) stay, so the problem shows.
  const foreign = mapping.fields.filter((f) => !headers.includes(f.column));
  return { ...mapping, fields: [...next, ...foreign] };
}

/** Distinct values of the rating column(s) among the preview rows, for the value table. */
export function ratingValues(preview: Preview, mapping: ColumnMapping): string[] {
  const idx = fieldsIndexes(preview.headers, mapping, "rating");
  const seen = new Set<string>();
  for (const r of preview.rows) {
    for (const i of idx) {
      const v = (r.cells[i] ?? "").trim();
      if (v) seen.add(v);
    }
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}

function fieldsIndexes(headers: string[], mapping: ColumnMapping, field: CaseField): number[] {
  return mapping.fields
    .filter((f) => f.field === field)
    .map((f) => headers.indexOf(f.column))
    .filter((i) => i >= 0);
}

/** A value for the stars a rating value most likely means (`1`, `差评`, `0` label…). */
export function guessStars(value: string): number {
  const v = value.trim().toLowerCase();
  const n = Number.parseFloat(v);
  if (!Number.isNaN(n) && n >= 1 && n <= 5) return Math.round(n);
  if (["bad", "negative", "差评", "差", "false", "0", "否", "no"].includes(v)) return 1;
  if (["neutral", "中评", "中", "一般"].includes(v)) return 3;
  return 5;
}

export function sampleOf(preview: Preview, column: string, max = 2): string {
  const i = preview.headers.indexOf(column);
  if (i < 0) return "";
  return preview.rows
    .map((r) => (r.cells[i] ?? "").replace(/\s+/g, " ").trim())
    .filter((v) => v !== "")
    .slice(0, max)
    .join(" · ");
}

export function percentOf(p: ImportProgress | null): number {
  if (!p || p.bytes_total <= 0) return 0;
  return Math.min(100, Math.floor((p.bytes_done * 100) / p.bytes_total));
}

export function delimiterKey(d: string): string | null {
  return ({ ",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe" } as Record<string, string>)[d] ?? null;
}

/** `mapping.unknown_column:评价` → the localized sentence. */
export function problemText(code: string, t: Translate, te: Exists): string {
  const [head, ...rest] = code.split(":");
  const arg = rest.join(":");
  const name = head.replace(/^mapping\./, "");
  const key = `intake.problem.${name}`;
  if (!te(key)) return code;
  return t(key, { column: arg, zone: arg });
}

export function warningText(code: string, t: Translate, te: Exists): string {
  const key = `intake.warning.${code.replace(/^mapping\./, "")}`;
  return te(key) ? t(key) : code;
}

export function rejectText(r: RejectedRow, t: Translate, te: Exists): string {
  const key = `intake.reject.${r.code}`;
  return te(key) ? t(key) : r.reason;
}

export function isCancelled(e: unknown): boolean {
  return e instanceof IpcError && e.code === "intake.cancelled";
}

export type Confidence = "high" | "medium" | "low" | "missing";

export function confidenceLevel(c: number | null | undefined): Confidence {
  if (c === null || c === undefined) return "missing";
  if (c >= 80) return "high";
  if (c >= 60) return "medium";
  return "low";
}

/** The case form filled with what was read from pasted text (stars 0 when none was). */
export function pastedToForm(p: PastedReview): NewCase {
  return {
    platform: p.platform?.value ?? "",
    shop: "",
    order_id: p.order_id?.value ?? "",
    review_id: "",
    buyer_nick: p.buyer_nick?.value ?? "",
    buyer_phone: "",
    product: p.product?.value ?? "",
    stars: p.stars?.value ?? 0,
    review_text: p.review_text?.value ?? "",
    review_time: p.review_time?.value ?? "",
    has_photos: false,
    order_value_cents: null,
    lang: "",
    follow_up_text: p.follow_up_text?.value ?? "",
    seller_reply: p.seller_reply?.value ?? "",
  };
}
