// Every call into Rust goes through `call`, so every failure arrives as an IpcError with
// the stable `code` the UI translates.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorPayload } from "../bindings";

export class IpcError extends Error {
  readonly code: string;
  readonly field?: string;
  readonly path?: string;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.field = payload.field;
    this.path = payload.path;
  }
}

/** The code of a write that could not get the database in time: nothing was written,
 * so trying the same command again is safe. */
export const BUSY_CODE = "db.busy";

/** Asked when a command fails as busy; resolves true to run it again. */
export type BusyHandler = (command: string) => Promise<boolean>;
let busyHandler: BusyHandler | null = null;

/** Installs (or removes) what the UI does when the database is busy: offer a retry. */
export function onBusy(handler: BusyHandler | null) {
  busyHandler = handler;
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (isPayload(e)) return new IpcError(e);
  return new IpcError({ code: "unknown", message: e instanceof Error ? e.message : String(e) });
}

// The first call of each command leaves two performance marks (asked, answered), so the
// start-up can be read off the page's timeline (tests/perf/startup.mjs prints it). Only
// the first: marks are kept until the page goes.
const marked = new Set<string>();

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  const first = !marked.has(command);
  if (first) {
    marked.add(command);
    performance.mark(`ipc ${command} asked`);
  }
  try {
    for (;;) {
      try {
        return await invoke<T>(command, args);
      } catch (e) {
        const err = toIpcError(e);
        if (err.code === BUSY_CODE && busyHandler && (await busyHandler(command))) continue;
        throw err;
      }
    }
  } finally {
    if (first) performance.mark(`ipc ${command} answered`);
  }
}
