import { createI18n } from "vue-i18n";
import zhCN from "./zh-CN";
import en from "./en";
import { IpcError } from "../api/ipc";
import { areaMessages } from "../features/registry";

export type Locale = "zh-CN" | "en";

type Messages = typeof zhCN;

// Feature areas' messages live under their own top-level key (e.g. `drafts.copy`).
function withAreas(base: Messages, lang: Locale): Messages {
  const areas = Object.fromEntries(Object.entries(areaMessages).map(([k, m]) => [k, m[lang]]));
  return { ...base, ...areas } as Messages;
}

export const i18n = createI18n({
  legacy: false,
  locale: "zh-CN",
  fallbackLocale: "zh-CN",
  messages: { "zh-CN": withAreas(zhCN, "zh-CN"), en: withAreas(en, "en") },
  missingWarn: false,
  fallbackWarn: false,
});

export function setLocale(locale: string) {
  const l: Locale = locale === "en" ? "en" : "zh-CN";
  i18n.global.locale.value = l;
  document.documentElement.lang = l;
}

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** Localized text for any error the IPC layer throws. */
export function errorText(t: Translate, te: (key: string) => boolean, e: unknown): string {
  const err = e instanceof IpcError ? e : new IpcError({ code: "unknown", message: String(e) });
  const field = err.field && te(`fields.${err.field}`) ? t(`fields.${err.field}`) : (err.field ?? "");
  const params = { field, message: err.message, path: err.path ?? "" };
  for (const key of errorKeys(err.code)) {
    if (te(key)) return t(key, params);
  }
  return t("errors.unknown", { message: err.message });
}

/**
 * Where an error code's text may live, first match wins: the shared `errors.<code>`; the
 * area named by the code's first segment (`intake.empty_file` →
 * `intake.errors.intake_empty_file`); then any area (`validation.template_stray_brace` →
 * `drafts.errors.validation_template_stray_brace`), so an area can word a shared-prefix
 * code it alone returns without touching the shared messages.
 */
export function errorKeys(code: string): string[] {
  const flat = code.replace(/\./g, "_");
  const first = code.split(".")[0];
  const keys = [`errors.${code}`];
  if (first && first in areaMessages) keys.push(`${first}.errors.${flat}`);
  for (const area of Object.keys(areaMessages)) {
    if (area !== first) keys.push(`${area}.errors.${flat}`);
  }
  return keys;
}
