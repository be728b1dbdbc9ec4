import { call } from "./ipc";
import type { Case, CaseDetail, CaseEvent, CaseFilter, CasePage, CaseStatus, Cause, NewCase } from "../bindings";

export function defaultFilter(): CaseFilter {
  return {
    query: "",
    statuses: [],
    platforms: [],
    stars: [],
    causes: [],
    min_severity: null,
    product: null,
    from: null,
    to: null,
    open_only: false,
    urgent_only: false,
    backlog: false,
    ids: [],
    sort: "review_time",
    descending: true,
    limit: 200,
    offset: 0,
  };
}

export const listCases = (filter: CaseFilter) => call<CasePage>("list_cases", { filter });
export const getCase = (id: number) => call<CaseDetail>("get_case", { id });
export const createCase = (input: NewCase) => call<Case>("create_case", { input });
export const setCaseStatus = (id: number, status: CaseStatus, note?: string) =>
  call<Case>("set_case_status", { id, status, note: note ?? null });
export const addCaseNote = (id: number, note: string) => call<CaseEvent>("add_case_note", { id, note });
export const setCaseLabels = (id: number, primary: Cause, causes: Cause[], severity: number) =>
  call<Case>("set_case_labels", { id, primary, causes, severity });
