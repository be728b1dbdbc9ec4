import { call } from "./ipc";
import type { Settings, StartupStatus } from "../bindings";

export const startupStatus = () => call<StartupStatus>("startup_status");
export const loadDemo = () => call<number>("load_demo");
export const getSettings = () => call<Settings>("get_settings");
export const saveSettings = (settings: Settings) => call<Settings>("save_settings", { settings });
export const getAutostart = () => call<boolean>("get_autostart");
export const setAutostart = (enabled: boolean) => call<boolean>("set_autostart", { enabled });
