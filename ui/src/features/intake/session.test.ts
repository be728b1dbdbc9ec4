import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportOptions, ImportProgress } from "../../bindings";
import { mapping, preview, report } from "./fixtures";
import { session, openFile, runImport, setAsHistory, setMapping, setThreshold, reset, cancel } from "./session";

type Handler = (args: Record<string, unknown>) => unknown;

const ipc = vi.hoisted(() => ({
  handlers: {} as Record<string, Handler>,
  calls: [] as { cmd: string; args: Record<string, unknown> }[],
  progress: null as ((e: { payload: unknown }) => void) | null,
}));

vi.mock("../../api/ipc", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../api/ipc")>();
  return {
    ...real,
    call: vi.fn(async (cmd: string, args: Record<string, unknown> = {}) => {
      ipc.calls.push({ cmd, args });
      const h = ipc.handlers[cmd];
      if (!h) throw new real.IpcError({ code: "unknown", message: `no handler for ${cmd}` });
      try {
        return await h(args);
      } catch (e) {
        throw real.toIpcError(e);
      }
    }),
  };
});

vi.mock("@tauri-apps/api/event", () => ({
  listen: vi.fn(async (_name: string, cb: (e: { payload: unknown }) => void) => {
    ipc.progress = cb;
    return () => undefined;
  }),
}));


const calls = (cmd: string) => ipc.calls.filter((c) => c.cmd === cmd);
const optionsOf = (c: { args: Record<string, unknown> }) => c.args.options as ImportOptions;

/** An import that waits until the test lets it finish or the UI cancels it. */
function controllableImport() {
  const runs: { dry: boolean; finish: () => void; cancelled: boolean }[] = [];
  ipc.handlers.start_import = (args) =>
    new Promise((resolve, reject) => {
      const dry = (args.options as ImportOptions).dry_run;
      const run = {
        dry,
        cancelled: false,
        finish: () => resolve(report({ dry_run: dry, import_id: dry ? null : 1 })),
      };
      runs.push(run);
      ipc.handlers.cancel_import = () => {
        run.cancelled = true;
        reject({ code: "intake.cancelled", message: "cancelled" });
        return true;
      };
    });
  return runs;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
  ipc.handlers = {
    preview_import: () => preview(),
    start_import: (args) => report({ dry_run: (args.options as ImportOptions).dry_run }),
    cancel_import: () => false,
  };
  await reset();
  ipc.calls = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe("import session", () => {
  it("previews a file, then counts it with a dry run", async () => {
    await openFile(' "/data/zh-online-shopping-neg600.gbk.csv" ');
    expect(session.path).toBe("/data/zh-online-shopping-neg600.gbk.csv");
    expect(session.preview?.encoding).toBe("GBK");
    const starts = calls("start_import");
    expect(starts).toHaveLength(1);
    expect(optionsOf(starts[0]).dry_run).toBe(true);
    expect(optionsOf(starts[0]).mapping).toBeNull();
    expect(session.counts?.new).toBe(600);
    expect(session.counting).toBe(false);
  });

  it("imports everything as history when asked, counting and importing alike, until the next file", async () => {
    await openFile("/data/old.csv");
    expect(optionsOf(calls("start_import")[0]).as_history).toBe(false);
    setAsHistory(true);
    for (let i = 0; i < 5; i++) await tick();
    const dry = calls("start_import");
    expect(optionsOf(dry[dry.length - 1])).toMatchObject({ dry_run: true, as_history: true });
    await runImport();
    const real = calls("start_import");
    expect(optionsOf(real[real.length - 1])).toMatchObject({ dry_run: false, as_history: true });
    await reset();
    expect(session.options.as_history).toBe(false);
  });

  it("imports for real and follows the progress events", async () => {
    await openFile("/data/a.csv");
    const runs = controllableImport();
    const done = runImport();
    await tick();
    expect(session.importing).toBe(true);
    const p: ImportProgress = { rows_done: 500, bytes_done: 50, bytes_total: 100, new: 500, updated: 0, duplicates: 0, rejected: 0 };
    ipc.progress?.({ payload: p });
    expect(session.progress?.rows_done).toBe(500);
    expect(runs).toHaveLength(1);
    expect(runs[0].dry).toBe(false);
    runs[0].finish();
    await done;
    expect(session.importing).toBe(false);
    expect(session.report?.import_id).toBe(1);
    expect(session.importError).toBeNull();
  });

  it("cancelling an import leaves an error the screen reads as 'nothing written'", async () => {
    await openFile("/data/a.csv");
    controllableImport();
    const done = runImport();
    await tick();
    await cancel();
    await done;
    expect(session.report).toBeNull();
    expect((session.importError as { code: string }).code).toBe("intake.cancelled");
    expect(session.importing).toBe(false);
  });

  it("adopts a guessed mapping explicitly so it can be imported", async () => {
    ipc.handlers.preview_import = (args) =>
      (args.options as ImportOptions).mapping
        ? preview({ mapping_source: "explicit", preset: null })
        : preview({ mapping_source: "suggested", preset: null });
    await openFile("/data/unknown.csv");
    expect(session.suggested).toBe(true);
    expect(session.options.mapping).toEqual(mapping());
    expect(optionsOf(calls("start_import")[0]).mapping).toEqual(mapping());
  });

  it("does not count while the mapping has problems", async () => {
    ipc.handlers.preview_import = () => preview({ mapping_errors: ["mapping.no_rating"] });
    await openFile("/data/a.csv");
    expect(calls("start_import")).toHaveLength(0);
    expect(session.counts).toBeNull();
  });

  it("a mapping edit cancels the dry run in flight and counts again, once typing stops", async () => {
    await openFile("/data/a.csv");
    const runs = controllableImport();
    setThreshold(2); // starts a new preview and dry run
    await tick();
    await tick();
    expect(runs).toHaveLength(1);
    expect(optionsOf(calls("preview_import").at(-1)!).max_case_stars).toBe(2);
    vi.useFakeTimers();
    setMapping(mapping({ default_product: "保温杯" }));
    setMapping(mapping({ default_product: "保温杯 500ml" }));
    const previewsBefore = calls("preview_import").length;
    await vi.advanceTimersByTimeAsync(400);
    vi.useRealTimers();
    await tick();
    await tick();
    expect(calls("preview_import").length).toBe(previewsBefore + 1);
    expect(optionsOf(calls("preview_import").at(-1)!).mapping?.default_product).toBe("保温杯 500ml");
    expect(runs[0].cancelled).toBe(true);
    expect(runs).toHaveLength(2);
    runs[1].finish();
    await tick();
    expect(session.counts?.new).toBe(600);
  });

  it("shows a preview error and keeps the options to retry with", async () => {
    ipc.handlers.preview_import = () => {
      throw { code: "intake.wrong_encoding", message: "garbled" };
    };
    await openFile("/data/a.csv");
    expect(session.preview).toBeNull();
    expect((session.previewError as { code: string }).code).toBe("intake.wrong_encoding");
    expect(session.path).toBe("/data/a.csv");
  });
});
