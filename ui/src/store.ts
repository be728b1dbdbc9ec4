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

export async function boot() {
  appState.startup = await startupStatus();
  if (!appState.startup.error) {
    appState.settings = await getSettings();
    setLocale(appState.settings.language);
  }
  appState.ready = true;
}

export async function updateSettings(next: Settings) {
  appState.settings = await saveSettings(next);
  setLocale(appState.settings.language);
}
