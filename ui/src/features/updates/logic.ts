// Pure helpers of the About card: progress of an install, sizes, and the release notes as
// the owner reads them.
import type { UpdateProgress } from "../../bindings";

/** Percent of the download, or null while the size is unknown or past the download. */
export function downloadPercent(p: UpdateProgress | null): number | null {
  if (!p || p.stage !== "downloading" || !p.total) return null;
  return Math.min(100, Math.floor((p.received / p.total) * 100));
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Release notes come from the changelog in Markdown. They are shown as plain text (never as
 * HTML): headings and emphasis marks are dropped, list items keep a bullet.
 */
export function plainNotes(notes: string | null | undefined): string {
  if (!notes) return "";
  return notes
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/^(\s*)[-*+]\s+/, "$1• ")
        .replace(/\*\*(.+?)\*\*/g, "$1")
        .replace(/`([^`]+)`/g, "$1"),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
