// One action over many cases: preview it for the confirmation, then run it.
import { call } from "./ipc";
import type { BulkAction, BulkPreview, BulkReport, BulkRequest, CaseFilter } from "../bindings";

export const bulkPreview = (selection: CaseFilter, action: BulkAction) =>
  call<BulkPreview>("bulk_preview", { selection, action });
export const bulkRun = (request: BulkRequest) => call<BulkReport>("bulk_run", { request });
