import { call } from "./ipc";
import type { AppStart, Settings } from "../bindings";

/** How the app started, the settings and the start screen's data, in one round trip. */
export const appStart = () => call<AppStart>("app_start");
export const loadDemo = () => call<number>("load_demo");
export const saveSettings = (settings: Settings) => call<Settings>("save_settings", { settings });
export const getAutostart = () => call<boolean>("get_autostart");
export const setAutostart = (enabled: boolean) => call<boolean>("set_autostart", { enabled });
