// What the backup screens decide without the window: the kind of start-up problem a
// code means, and whether the sidebar should warn.
import type { BackupStatus } from "../../bindings";

export type StartProblem = "damaged" | "locked" | "read_only" | "disk_full" | "too_new" | "other";

/** The start screen's wording for the error code of a database that did not open. */
export function startProblem(code: string): StartProblem {
  switch (code) {
    case "db.corrupt":
    case "db.not_a_database":
      return "damaged";
    case "db.busy":
    case "db.cannot_open":
      return "locked";
    case "db.read_only":
    case "io.read_only":
      return "read_only";
    case "db.disk_full":
    case "io.disk_full":
      return "disk_full";
    case "db.too_new":
      return "too_new";
    default:
      return "other";
  }
}

/** Restoring a backup helps a damaged file; for the rest it is offered as a way out too. */
export function restoreFirst(problem: StartProblem): boolean {
  return problem === "damaged" || problem === "other";
}

/** The sidebar warns when the last good backup is too old (the core decides "too old"). */
export function sidebarWarning(status: BackupStatus | null): "never" | "stale" | null {
  if (!status || !status.stale) return null;
  return status.last_good ? "stale" : "never";
}

/** "812 B", "1.5 MB" — the size of a backup. */
export function humanSize(bytes: number): string {
  const units = ["KB", "MB", "GB", "TB"];
  if (bytes < 1024) return `${bytes} B`;
  let n = bytes / 1024;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${n.toFixed(1)} ${units[u]}`;
}
