// Every call into Rust goes through `call`, so every failure arrives as an IpcError with
// the stable `code` the UI translates.
import { invoke } from "@tauri-apps/api/core";
import type { ErrorPayload } from "../bindings";

export class IpcError extends Error {
  readonly code: string;
  readonly field?: string;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.field = payload.field;
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

export function toIpcError(e: unknown): IpcError {
  if (e instanceof IpcError) return e;
  if (isPayload(e)) return new IpcError(e);
  return new IpcError({ code: "unknown", message: e instanceof Error ? e.message : String(e) });
}

export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toIpcError(e);
  }
}
