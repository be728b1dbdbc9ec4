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
  const key = `errors.${err.code}`;
  if (te(key)) return t(key, { field, message: err.message });
  return t("errors.unknown", { message: err.message });
}
