import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { call } from "./ipc";
import type {
  Case,
  ColumnMapping,
  ImportOptions,
  ImportProgress,
  ImportReport,
  NewCase,
  PastedReview,
  PresetInfo,
  Preview,
  SavedMapping,
} from "../bindings";

export function defaultImportOptions(): ImportOptions {
  return {
    shop: "",
    preset: null,
    mapping: null,
    encoding: null,
    max_case_stars: 3,
    dry_run: false,
    actor: "",
    max_rejected_listed: 1000,
    as_history: false,
  };
}

/** Opens the system file dialog (from Rust); null when the owner closes it. */
export const chooseImportFile = () => call<string | null>("choose_import_file");
export const previewImport = (path: string, options: ImportOptions) => call<Preview>("preview_import", { path, options });
/** Runs an import, or with `options.dry_run` counts one; progress arrives on `onImportProgress`. */
export const startImport = (path: string, options: ImportOptions) => call<ImportReport>("start_import", { path, options });
export const cancelImport = () => call<boolean>("cancel_import");
/** Asks where to save, then writes the rejected rows; the file written and its row count, or null. */
export const exportRejected = (path: string, options: ImportOptions) =>
  call<[string, number] | null>("export_rejected", { path, options });
export const listPresets = () => call<PresetInfo[]>("list_import_presets");
/** An empty shop means the default shop from settings. */
export const listMappings = (shop = "") => call<SavedMapping[]>("list_import_mappings", { shop });
export const saveMapping = (name: string, headers: string[], mapping: ColumnMapping, shop = "") =>
  call<SavedMapping>("save_import_mapping", { shop, name, headers, mapping });
export const deleteMapping = (id: number) => call<null>("delete_import_mapping", { id });
export const parsePaste = (text: string) => call<PastedReview>("parse_paste", { text });
export const createFromPaste = (input: NewCase) => call<Case>("create_from_paste", { input });

export const PROGRESS_EVENT = "intake://progress";

export function onImportProgress(handler: (p: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>(PROGRESS_EVENT, (e) => handler(e.payload));
}
