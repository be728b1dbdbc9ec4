// The insights dashboard, the cases behind a chart, the closed-loop report and the case export.
import { call } from "./ipc";
import type {
  CaseDrill,
  CaseExport,
  CasePage,
  Dashboard,
  ExportFormat,
  FilterOptions,
  InsightsQuery,
  ReportFormat,
  ReportRequest,
  WrittenExport,
  WrittenReport,
} from "../bindings";

export const insightsDashboard = (query: InsightsQuery) => call<Dashboard>("insights_dashboard", { query });
export const insightsFilterOptions = () => call<FilterOptions>("insights_filter_options");
export const insightsDrill = (drill: CaseDrill) => call<CasePage>("insights_drill", { drill });

/**
 * Writes the report to `path`, or where the save dialog (opened by the app) says when
 * `path` is null; null when the owner closes the dialog.
 */
export const writeInsightsReport = (request: ReportRequest, format: ReportFormat, path: string | null, open: boolean) =>
  call<WrittenReport | null>("write_insights_report", { request, format, path, open });

/** Exports the selected cases; same dialog rule as the report. */
export const exportInsightsCases = (selection: CaseExport, format: ExportFormat, path: string | null) =>
  call<WrittenExport | null>("export_insights_cases", { export: selection, format, path });
