// The backup status the sidebar and the settings card share, refreshed after each
// backup (the app's own, or the daily one announced by an event).
import { reactive } from "vue";
import type { BackupStatus } from "../../bindings";
import { BACKUP_EVENT, backupStatus, listenBackup } from "../../api/backup";

export const backupState = reactive({ status: null as BackupStatus | null });

export async function refreshBackupStatus() {
  try {
    backupState.status = await backupStatus();
  } catch {
    // Outside the app window, or the database is not open: keep what is shown.
  }
}

let listening = false;
export function watchBackups() {
  if (listening) return;
  listening = true;
  listenBackup(BACKUP_EVENT, () => void refreshBackupStatus()).catch(() => {
    listening = false;
  });
}
