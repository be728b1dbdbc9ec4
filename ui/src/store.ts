// App-wide state the views share: the owner's settings and how the app started.
import { reactive } from "vue";
import type { AppStart, FirstScreen, Settings, StartupStatus, TodayView } from "./bindings";
import { appStart, saveSettings } from "./api/app";
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

/** The start screen's data, read together with the settings; handed over once. */
let firstScreen: FirstScreen | null = null;
let booting: Promise<void> | null = null;

/**
 * Asks Rust, in one round trip, how the app started, the settings and the start screen's
 * data. Started before the UI mounts (main.ts), so the question is on its way while the UI
 * renders its frame; later calls wait on the same answer.
 */
export function boot(): Promise<void> {
  booting ??= appStart().then((start: AppStart) => {
    appState.startup = start.status;
    if (start.first_screen) {
      firstScreen = start.first_screen;
      appState.settings = start.first_screen.settings;
      setLocale(appState.settings.language);
      remember(appState.settings.language);
    } else {
      const lang = rememberedLanguage();
      if (lang) setLocale(lang);
    }
    appState.ready = true;
  });
  return booting;
}

/** How old the handed-over data may be: older, the start screen asks afresh. */
const FIRST_SCREEN_FRESH_MS = 10_000;

/**
 * Today as read at start-up, once, for the start screen's first load; null when it was
 * not read, was already taken, or is no longer fresh (another screen was opened first).
 */
export function takeFirstToday(now = Date.now()): { today: TodayView; has_cases: boolean } | null {
  const f = firstScreen;
  firstScreen = null;
  if (!f?.today || now - Date.parse(f.today.now) > FIRST_SCREEN_FRESH_MS) return null;
  return { today: f.today, has_cases: f.has_cases };
}

export async function updateSettings(next: Settings) {
  appState.settings = await saveSettings(next);
  setLocale(appState.settings.language);
  remember(appState.settings.language);
}

/** For tests: back to an app that has not started. */
export function resetBoot() {
  booting = null;
  firstScreen = null;
  Object.assign(appState, { ready: false, startup: null, settings: null });
}
