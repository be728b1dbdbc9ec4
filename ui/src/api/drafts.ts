import { call } from "./ipc";
import type {
  CaseEvent,
  Channel,
  Draft,
  DraftPrefs,
  Finding,
  Lang,
  NewTemplate,
  Platform,
  TemplateEntry,
  TemplateFilter,
  TemplateProblem,
  TemplateVariable,
} from "../bindings";

export const draftsForCase = (caseId: number, lang: Lang | null, variantSeed: number | null = null) =>
  call<Draft[]>("drafts_for_case", { caseId, lang, variantSeed });
export const draftForChannel = (caseId: number, channel: Channel, lang: Lang | null, variantSeed: number | null) =>
  call<Draft>("draft_for_channel", { caseId, channel, lang, variantSeed });
/** The live checker on an edited draft, with the case's own facts (nickname, order, phone). */
export const checkDraft = (caseId: number, channel: Channel, lang: Lang, text: string) =>
  call<Finding[]>("check_draft", { caseId, channel, lang, text });
/** Checks, copies to the clipboard and logs the copy on the case. */
export const copyDraft = (caseId: number, channel: Channel, lang: Lang, variant: number, text: string) =>
  call<CaseEvent>("copy_draft", { caseId, channel, lang, variant, text });
export const previewTemplate = (caseId: number, channel: Channel, lang: Lang, body: string) =>
  call<Draft>("preview_template", { caseId, channel, lang, body });

export const listTemplates = (filter: TemplateFilter) => call<TemplateEntry[]>("list_templates", { filter });
export const saveTemplate = (key: string, body: string) => call<TemplateEntry>("save_template", { key, body });
export const addTemplate = (template: NewTemplate) => call<TemplateEntry>("add_template", { template });
export const resetTemplate = (key: string) => call<TemplateEntry>("reset_template", { key });
export const setTemplateEnabled = (key: string, enabled: boolean) =>
  call<TemplateEntry>("set_template_enabled", { key, enabled });
export const deleteTemplate = (key: string) => call<null>("delete_template", { key });
export const validateTemplate = (body: string) => call<TemplateProblem[]>("validate_template", { body });
export const templateVariables = () => call<TemplateVariable[]>("template_variables");
export const replyCaps = () => call<[Platform, number][]>("reply_caps");
export const getDraftPrefs = () => call<DraftPrefs>("get_draft_prefs");
export const saveDraftPrefs = (prefs: DraftPrefs) => call<DraftPrefs>("save_draft_prefs", { prefs });
