import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { call } from "./ipc";
import type { AvailableUpdate, UpdateCheck, UpdatePrefs, UpdateProgress, UpdateStatus } from "../bindings";

/** The quiet check at start found a newer version. */
export const UPDATE_AVAILABLE_EVENT = "update://available";
/** How "install and restart" is going. */
export const UPDATE_PROGRESS_EVENT = "update://progress";

export const updateStatus = () => call<UpdateStatus>("update_status");
export const checkForUpdate = () => call<UpdateCheck>("check_for_update");
/** Resolves only when the install failed; on success the app restarts into the new version. */
export const installUpdate = () => call<null>("install_update");
export const setUpdateAutoCheck = (enabled: boolean) => call<UpdatePrefs>("set_update_auto_check", { enabled });

export function onUpdateAvailable(handler: (u: AvailableUpdate) => void): Promise<UnlistenFn> {
  return listen<AvailableUpdate>(UPDATE_AVAILABLE_EVENT, (e) => handler(e.payload));
}

export function onUpdateProgress(handler: (p: UpdateProgress) => void): Promise<UnlistenFn> {
  return listen<UpdateProgress>(UPDATE_PROGRESS_EVENT, (e) => handler(e.payload));
}
