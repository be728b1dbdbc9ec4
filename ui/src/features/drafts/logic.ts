// The drafts screens' logic, kept out of the components so it can be tested on its own.
import type { Finding, Lang, PartRole, Severity } from "../../bindings";

export const CHANNELS = ["public", "private", "phone"] as const;

/** Characters as the platforms (and the core) count them: code points, not UTF-16 units. */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** The draft language a case starts in: its review's language, Chinese when unknown. */
export function caseLang(code: string | null | undefined): Lang {
  return (code ?? "").toLowerCase().startsWith("en") ? "en" : "zh";
}

/** The explanation in the UI's language (the draft's language may differ). */
export function findingMessage(f: Pick<Finding, "message_zh" | "message_en">, uiLocale: string): string {
  return uiLocale === "en" ? f.message_en : f.message_zh;
}

export function blockingFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === "blocking");
}

const RANK: Record<Severity, number> = { info: 1, warning: 2, blocking: 3 };
const BY_RANK: (Severity | null)[] = [null, "info", "warning", "blocking"];

export interface Mark {
  start: number;
  end: number;
  severity: Severity;
  /** Set for a part of a finding (the benefit, the condition, the review action…). */
  role?: PartRole;
}

export interface Segment {
  text: string;
  severity: Severity | null;
  /** The part of a finding this run belongs to, when it is one. */
  role?: PartRole;
}

/**
 * Splits `text` into runs for the highlight layer under a text area. Marks are UTF-16
 * offsets (as the core sends them); where marks overlap the most severe one shows.
 * Marks outside the text are clipped, so a stale mark can never break the layout.
 */
export function segments(text: string, marks: Mark[]): Segment[] {
  if (text.length === 0) return [];
  const rank = new Uint8Array(text.length);
  // The part each character belongs to, from the most severe finding that has parts there.
  const role: (PartRole | undefined)[] = new Array(text.length);
  const roleRank = new Uint8Array(text.length);
  for (const m of marks) {
    const s = Math.max(0, Math.min(text.length, m.start));
    const e = Math.max(s, Math.min(text.length, m.end));
    const r = RANK[m.severity];
    for (let i = s; i < e; i++) {
      if (rank[i] < r) rank[i] = r;
      if (m.role && roleRank[i] < r) {
        roleRank[i] = r;
        role[i] = m.role;
      }
    }
  }
  const out: Segment[] = [];
  let from = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || rank[i] !== rank[from] || role[i] !== role[from]) {
      const seg: Segment = { text: text.slice(from, i), severity: BY_RANK[rank[from]] };
      if (role[from]) seg.role = role[from];
      out.push(seg);
      from = i;
    }
  }
  return out;
}

/** A finding's own stretch, and each of its parts marked with its role. */
export function findingMarks(findings: Finding[]): Mark[] {
  return findings.flatMap((f) => {
    const own: Mark[] = f.span ? [{ start: f.span.start, end: f.span.end, severity: f.severity }] : [];
    const parts: Mark[] = (f.parts ?? []).map((p) => ({ start: p.span.start, end: p.span.end, severity: f.severity, role: p.role }));
    return [...own, ...parts];
  });
}

/** The rule a finding rests on, in the UI's language (empty when none is cited). */
export function findingRule(f: Pick<Finding, "rule_zh" | "rule_en">, uiLocale: string): string {
  return uiLocale === "en" ? f.rule_en : f.rule_zh;
}

/** The kind of a finding, from its dotted code: `compliance`, `pii`, `length`, … */
export function findingKind(code: string): string {
  return code.split(".")[0] ?? code;
}

export interface Beat {
  title: string;
  lines: { kind: "say" | "note" | "text"; text: string }[];
}

const BEAT_TITLE = /^\s*(?:【([^】]+)】|\[([^\]]+)\])\s*$/;

/**
 * The phone script's beats (confirm identity / introduce and apologise / remedy and time),
 * from the heading lines the templates put on their own lines. Quoted lines are what to
 * say, bracketed ones are cues for the caller. Text before the first heading, or a script
 * without headings (an owner's own), becomes one untitled beat.
 */
export function phoneBeats(text: string): Beat[] {
  const beats: Beat[] = [];
  let current: Beat | null = null;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    const title = BEAT_TITLE.exec(line);
    if (title) {
      current = { title: (title[1] ?? title[2] ?? "").trim(), lines: [] };
      beats.push(current);
      continue;
    }
    if (!line) continue;
    if (!current) {
      current = { title: "", lines: [] };
      beats.push(current);
    }
    const kind = /^[“"「]/.test(line) ? "say" : /^[（(]/.test(line) ? "note" : "text";
    current.lines.push({ kind, text: line });
  }
  return beats;
}

/** Ctrl+Shift+C (⌘⇧C on a Mac): copy the draft being edited. */
export function isCopyShortcut(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): boolean {
  return (e.ctrlKey || e.metaKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === "c";
}

/** Ctrl+S / ⌘S: save the template being edited. */
export function isSaveShortcut(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): boolean {
  return (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === "s";
}

/**
 * Runs `work` once typing pauses, and drops answers that arrive for an older text: the
 * checker's result must always belong to the text on screen.
 */
export function latestOnly<A, R>(work: (arg: A) => Promise<R>, wait: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  return {
    run(arg: A, onResult: (r: R) => void, onError: (e: unknown) => void) {
      clearTimeout(timer);
      const mine = ++seq;
      timer = setTimeout(() => {
        work(arg).then(
          (r) => {
            if (mine === seq) onResult(r);
          },
          (e) => {
            if (mine === seq) onError(e);
          },
        );
      }, wait);
    },
    cancel() {
      clearTimeout(timer);
      seq++;
    },
  };
}

/** Inserts `insert` into `text` over the selection, returning the new text and caret. */
export function insertAt(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  return { text: text.slice(0, s) + insert + text.slice(e), caret: s + insert.length };
}

export interface LocalTemplateFilter {
  search: string;
  sources: string[];
  onlyEnabled: boolean;
}

/** The library table's own filters (the core filters by cause, channel and language). */
export function filterTemplates<T extends { key: string; body: string; source: string; enabled: boolean }>(
  list: T[],
  f: LocalTemplateFilter,
): T[] {
  const q = f.search.trim().toLowerCase();
  return list.filter(
    (e) =>
      (!f.onlyEnabled || e.enabled) &&
      (f.sources.length === 0 || f.sources.includes(e.source)) &&
      (q === "" || e.key.toLowerCase().includes(q) || e.body.toLowerCase().includes(q)),
  );
}

/** Orders built-in keys as people count (`quality.public.zh.2` before `…zh.10`), owner ones after. */
export function compareKeys(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
