import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { call } from "./ipc";
import type { AiChunk, AiDraft, AiSettings, AiStatus, AiTestResult, AiTriage, Channel, KeyUpdate, Lang } from "../bindings";

/** Event with each piece of a draft as the model writes it. */
export const CHUNK_EVENT = "ai://chunk";

/** The settings and whether a key is stored (the key itself never comes back). */
export const aiStatus = () => call<AiStatus>("ai_status");
export const aiSaveSettings = (settings: AiSettings, key: KeyUpdate) =>
  call<AiStatus>("ai_save_settings", { settings, key });
/** Tests the settings as they are in the form; stores nothing. */
export const aiTestConnection = (settings: AiSettings, key: KeyUpdate) =>
  call<AiTestResult>("ai_test_connection", { settings, key });
/** Writes a draft; pieces arrive on `onAiChunk` tagged with `request`. */
export const aiGenerate = (request: number, caseId: number, channel: Channel, lang: Lang | null) =>
  call<AiDraft>("ai_generate", { request, caseId, channel, lang });
export const aiCancel = (request: number) => call<boolean>("ai_cancel", { request });
/** Asks the endpoint to label a case; the case's own labels come back when it cannot. */
export const aiTriageCase = (caseId: number) => call<AiTriage>("ai_triage_case", { caseId });

export function onAiChunk(handler: (c: AiChunk) => void): Promise<UnlistenFn> {
  return listen<AiChunk>(CHUNK_EVENT, (e) => handler(e.payload));
}
