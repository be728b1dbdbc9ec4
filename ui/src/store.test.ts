import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("./api/ipc", async (orig) => ({ ...(await orig<typeof import("./api/ipc")>()), call: vi.fn() }));
import { call } from "./api/ipc";
import { appState, boot, resetBoot, takeFirstToday } from "./store";
import { view } from "./features/followup/testdata";

const mocked = vi.mocked(call);

function started(at: string) {
  return {
    status: { error: null, db_path: "/tmp/haoping.db", dev: false },
    first_screen: { settings: { language: "en" }, today: view({ now: at }), has_cases: true },
  };
}

afterEach(() => {
  resetBoot();
  mocked.mockReset();
});

describe("boot", () => {
  it("asks once, however often it is awaited, and hands Today over once", async () => {
    const at = "2026-11-23T04:00:00Z";
    mocked.mockResolvedValue(started(at));
    await Promise.all([boot(), boot()]);
    expect(mocked).toHaveBeenCalledTimes(1);
    expect(mocked).toHaveBeenCalledWith("app_start");
    expect(appState.ready).toBe(true);
    expect(appState.settings?.language).toBe("en");
    const handed = takeFirstToday(Date.parse(at) + 500);
    expect(handed?.today.now).toBe(at);
    expect(handed?.has_cases).toBe(true);
    expect(takeFirstToday(Date.parse(at) + 600)).toBeNull();
  });

  it("does not hand over a Today read long ago", async () => {
    const at = "2026-11-23T04:00:00Z";
    mocked.mockResolvedValue(started(at));
    await boot();
    expect(takeFirstToday(Date.parse(at) + 60_000)).toBeNull();
  });

  it("keeps the settings unread when the database did not open", async () => {
    mocked.mockResolvedValue({
      status: { error: { code: "db.open", message: "locked" }, db_path: "/tmp/haoping.db", dev: false },
      first_screen: null,
    });
    await boot();
    expect(appState.ready).toBe(true);
    expect(appState.startup?.error?.code).toBe("db.open");
    expect(appState.settings).toBeNull();
    expect(takeFirstToday()).toBeNull();
  });
});
