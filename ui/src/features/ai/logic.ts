// The AI screens' logic, kept out of the components so it can be tested on its own.
import type { AiSettings, KeyUpdate } from "../../bindings";
import { IpcError } from "../../api/ipc";
import { errorKeys } from "../../i18n";

/** Well-known OpenAI-compatible endpoints, to fill the URL in one click. */
export const PRESETS = [
  { key: "ollama", url: "http://localhost:11434/v1", model: "qwen2.5:7b", local: true },
  { key: "llamacpp", url: "http://127.0.0.1:8080/v1", model: "default", local: true },
  { key: "openai", url: "https://api.openai.com/v1", model: "gpt-4o-mini", local: false },
  { key: "deepseek", url: "https://api.deepseek.com/v1", model: "deepseek-chat", local: false },
  { key: "qwen", url: "https://dashscope.aliyuncs.com/compatible-mode/v1", model: "qwen-plus", local: false },
] as const;

export type PresetKey = (typeof PRESETS)[number]["key"];

/** True for a server on this computer: nothing leaves it, and no key is needed. */
export function isLocalUrl(url: string): boolean {
  try {
    const host = new URL(url.trim()).hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return host === "localhost" || host === "::1" || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** What the key field asks for on save: a typed key replaces, "clear" removes, else keep. */
export function keyUpdate(typed: string, clear: boolean): KeyUpdate {
  const k = typed.trim();
  if (k) return { action: "set", key: k };
  if (clear) return { action: "clear" };
  return { action: "keep" };
}

export function sameSettings(a: AiSettings, b: AiSettings): boolean {
  return a.enabled === b.enabled && a.base_url.trim() === b.base_url.trim() && a.model.trim() === b.model.trim() && a.timeout_secs === b.timeout_secs;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * Localized text for an error from the AI commands. Like `errorText`, but a field this
 * area owns (`base_url`, `model`, `api_key`) is named with this area's label.
 */
export function aiErrorText(t: Translate, te: (key: string) => boolean, e: unknown): string {
  const err = e instanceof IpcError ? e : new IpcError({ code: "unknown", message: String(e) });
  const fieldKey = err.field ? `ai.fields.${err.field}` : "";
  const field = fieldKey && te(fieldKey) ? t(fieldKey) : (err.field ?? "");
  for (const key of errorKeys(err.code)) {
    if (te(key)) return t(key, { field, message: err.message });
  }
  return t("errors.unknown", { message: err.message });
}

/** The field an error belongs to on the settings form, if it is one of ours. */
export function errorField(e: unknown): "base_url" | "model" | "api_key" | null {
  if (!(e instanceof IpcError)) return null;
  return e.field === "base_url" || e.field === "model" || e.field === "api_key" ? e.field : null;
}

/** The server's own words (after the code's text), for a second, quieter line. */
export function errorDetail(e: unknown): string {
  return e instanceof IpcError && e.code.startsWith("ai.") ? e.message : "";
}

let lastRequest = 0;
/** A number no other generation in this window uses, to tell their streamed pieces apart. */
export function nextRequest(): number {
  lastRequest = (lastRequest + 1) % 0x7fffffff;
  return lastRequest;
}

/** Ctrl+Enter / ⌘Enter: generate (or test the connection on the settings screen). */
export function isRunShortcut(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "shiftKey" | "altKey">): boolean {
  return (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key === "Enter";
}
