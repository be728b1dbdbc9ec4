// Display helpers. Times arrive from Rust as UTC RFC 3339 text and are shown in the
// computer's local time.

export function parseTime(iso: string): Date {
  // rusqlite writes "2026-11-20 04:00:00+00:00"; Safari's Date wants the "T".
  return new Date(iso.includes("T") ? iso : iso.replace(" ", "T"));
}

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A moment in local time, the one way the app writes dates in both languages:
 * `2026-11-24 15:00` (the order the core, the date pickers and the reports use too).
 * `_locale` is kept for the callers that pass the window's language.
 */
export function formatLocal(iso: string | null | undefined, _locale?: string): string {
  if (!iso) return "";
  const d = parseTime(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${formatDayOf(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function formatDayOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The local calendar day of a moment: `2026-11-24`. */
export function formatDay(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = parseTime(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDayOf(d);
}

export interface Age {
  unit: "minutes" | "hours" | "days" | "months" | "years";
  n: number;
}

const DAY_MS = 86_400_000;

/**
 * How long ago, in the largest unit the owner scans for: minutes, hours up to two days,
 * days up to two months, months up to two years, then years (one decimal below ten).
 */
export function ageOf(iso: string, now: Date): Age {
  const ms = Math.max(0, now.getTime() - parseTime(iso).getTime());
  const minutes = Math.floor(ms / 60000);
  if (minutes < 60) return { unit: "minutes", n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", n: hours };
  const days = Math.floor(ms / DAY_MS);
  if (days < 60) return { unit: "days", n: days };
  if (days < 730) return { unit: "months", n: Math.floor(days / 30.44) };
  const years = days / 365.25;
  return { unit: "years", n: years < 10 ? Math.floor(years * 10) / 10 : Math.floor(years) };
}

export function starsText(n: number): string {
  const k = Math.max(0, Math.min(5, Math.round(n)));
  return "★".repeat(k) + "☆".repeat(5 - k);
}

export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : flat.slice(0, max - 1) + "…";
}

export function formatMoney(cents: number | null | undefined, currency = "CNY"): string {
  if (cents === null || cents === undefined) return "";
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const symbol = currency === "CNY" ? "¥" : currency === "USD" ? "$" : `${currency} `;
  return `${sign}${symbol}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
