// Display helpers. Times arrive from Rust as UTC RFC 3339 text and are shown in the
// computer's local time.

export function parseTime(iso: string): Date {
  // rusqlite writes "2026-11-20 04:00:00+00:00"; Safari's Date wants the "T".
  return new Date(iso.includes("T") ? iso : iso.replace(" ", "T"));
}

export function formatLocal(iso: string | null | undefined, locale: string): string {
  if (!iso) return "";
  const d = parseTime(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(locale === "en" ? "en-GB" : "zh-CN", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  });
}

export interface Age {
  unit: "minutes" | "hours" | "days";
  n: number;
}

/** How long ago, in the largest whole unit (what the owner scans for). */
export function ageOf(iso: string, now: Date): Age {
  const ms = Math.max(0, now.getTime() - parseTime(iso).getTime());
  const minutes = Math.floor(ms / 60000);
  if (minutes < 60) return { unit: "minutes", n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return { unit: "hours", n: hours };
  return { unit: "days", n: Math.floor(hours / 24) };
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
