import { describe, expect, it } from "vitest";
import { humanSize, restoreFirst, sidebarWarning, startProblem } from "./logic";
import type { BackupInfo, BackupStatus } from "../../bindings";

const info = { created_at: "2026-11-20 03:00:00+00:00" } as BackupInfo;
const status = (stale: boolean, last: BackupInfo | null): BackupStatus => ({
  dir: "/d/backups",
  chosen_dir: null,
  default_dir: "/d/backups",
  fallback_notice: false,
  last_good: last,
  stale,
  stale_after_days: 2,
  count: last ? 1 : 0,
});

describe("backup logic", () => {
  it("words each start-up failure by its code", () => {
    expect(startProblem("db.corrupt")).toBe("damaged");
    expect(startProblem("db.not_a_database")).toBe("damaged");
    expect(startProblem("db.busy")).toBe("locked");
    expect(startProblem("db.read_only")).toBe("read_only");
    expect(startProblem("io.disk_full")).toBe("disk_full");
    expect(startProblem("db.too_new")).toBe("too_new");
    expect(startProblem("db.migration_failed")).toBe("other");
    expect(restoreFirst("damaged")).toBe(true);
    expect(restoreFirst("locked")).toBe(false);
  });

  it("warns in the sidebar only when the core says the backup is stale", () => {
    expect(sidebarWarning(null)).toBeNull();
    expect(sidebarWarning(status(false, info))).toBeNull();
    expect(sidebarWarning(status(true, info))).toBe("stale");
    expect(sidebarWarning(status(true, null))).toBe("never");
  });

  it("prints sizes the way the list shows them", () => {
    expect(humanSize(812)).toBe("812 B");
    expect(humanSize(1536)).toBe("1.5 KB");
    expect(humanSize(5 * 1024 * 1024)).toBe("5.0 MB");
  });
});
