import { call } from "./ipc";
import type { ArchiveReport, BackupInfo, BackupStatus, RestoreReport } from "../bindings";

export const backupStatus = () => call<BackupStatus>("backup_status");
export const listBackups = () => call<BackupInfo[]>("list_backups");
export const backupNow = () => call<BackupInfo>("backup_now");
export const openBackupFolder = () => call<void>("open_backup_folder");
/** A typed folder, else the folder dialog; `null` when the owner cancels. */
export const chooseBackupFolder = (path: string | null, reset = false) =>
  call<BackupStatus | null>("choose_backup_folder", { path, reset });
export const acknowledgeBackupNotice = () => call<void>("acknowledge_backup_notice");
/** A backup from the list, else the file dialog; `null` when the owner cancels. */
export const restoreBackup = (path: string | null) => call<RestoreReport | null>("restore_backup", { path });
export const restoreNewestBackup = () => call<RestoreReport>("restore_newest_backup");
export const openDatabaseFile = (path: string | null) => call<string | null>("open_database_file", { path });
export const quitApp = () => call<void>("quit_app");
export const exportShop = (path: string | null) => call<ArchiveReport | null>("export_shop", { path });
export const importShop = (path: string | null) => call<ArchiveReport | null>("import_shop", { path });

/** A daily backup was made in the background. */
export const BACKUP_EVENT = "backup://made";
export { listen as listenBackup } from "@tauri-apps/api/event";
