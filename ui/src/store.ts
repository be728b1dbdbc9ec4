// App-wide state the views share: the owner's settings and how the app started.
import { reactive } from "vue";
import type { Settings, StartupStatus } from "./bindings";
import { getSettings, saveSettings, startupStatus } from "./api/app";
import { setLocale } from "./i18n";

export const appState = reactive({
  ready: false,
  startup: null as StartupStatus | null,
  settings: null as Settings | null,
});

// The language is kept in the browser storage too, so a screen shown before the
// database opens (or when it cannot) speaks the owner's language.
const LANG_KEY = "haoping.language";

function rememberedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(LANG_KEY) ?? null;
  } catch {
    return null;
  }
}

function remember(language: string) {
  try {
    globalThis.localStorage?.setItem(LANG_KEY, language);
  } catch {
    // Storage refused (private mode): the database still holds the choice.
  }
}

export async function boot() {
  appState.startup = await startupStatus();
  if (!appState.startup.error) {
    appState.settings = await getSettings();
    setLocale(appState.settings.language);
    remember(appState.settings.language);
  } else {
    const lang = rememberedLanguage();
    if (lang) setLocale(lang);
  }
  appState.ready = true;
}

export async function updateSettings(next: Settings) {
  appState.settings = await saveSettings(next);
  setLocale(appState.settings.language);
  remember(appState.settings.language);
}
