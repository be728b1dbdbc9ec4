// The import in progress, kept outside the screen so leaving it and coming back (or an
// import that takes a while) loses nothing. Rust runs one import at a time; the dry run
// that gives the counts is an import too, cancelled whenever the options change.
import { reactive } from "vue";
import type { ColumnMapping, ImportOptions, ImportProgress, ImportReport, Preview } from "../../bindings";
import { cancelImport, defaultImportOptions, onImportProgress, previewImport, startImport } from "../../api/intake";
import { cleanPath, isCancelled } from "./logic";

const THRESHOLD_KEY = "haoping.intake.maxCaseStars";

function savedThreshold(): number {
  const n = Number(globalThis.localStorage?.getItem(THRESHOLD_KEY));
  return Number.isInteger(n) && n >= 1 && n <= 5 ? n : 3;
}

function freshState() {
  return {
    path: "",
    options: { ...defaultImportOptions(), max_case_stars: savedThreshold() } as ImportOptions,
    preview: null as Preview | null,
    previewing: false,
    previewError: null as unknown,
    /** The layout was not recognised and the guessed mapping is in use. */
    suggested: false,
    counts: null as ImportReport | null,
    counting: false,
    countError: null as unknown,
    importing: false,
    progress: null as ImportProgress | null,
    report: null as ImportReport | null,
    importError: null as unknown,
  };
}

export const session = reactive(freshState());

let listening: Promise<unknown> | null = null;
function listenOnce() {
  listening ??= onImportProgress((p) => {
    session.progress = p;
  }).catch((e) => {
    listening = null;
    throw e;
  });
  return listening;
}

let previewSeq = 0;
let countSeq = 0;
/** The start_import call in flight, if any. */
let running: Promise<unknown> | null = null;

function optionsFor(dryRun: boolean): ImportOptions {
  const o = session.options;
  return {
    ...o,
    mapping: o.mapping ? (JSON.parse(JSON.stringify(o.mapping)) as ColumnMapping) : null,
    dry_run: dryRun,
  };
}

async function stopRunning() {
  const r = running;
  if (!r) return;
  await cancelImport().catch(() => false);
  await r.catch(() => undefined);
}

/** Opens a file: preview, then the dry-run counts. */
export async function openFile(raw: string) {
  const path = cleanPath(raw);
  if (!path || session.importing) return;
  countSeq++;
  await stopRunning();
  Object.assign(session, {
    path,
    preview: null,
    previewError: null,
    suggested: false,
    counts: null,
    countError: null,
    report: null,
    importError: null,
    progress: null,
  });
  Object.assign(session.options, { mapping: null, preset: null, encoding: null });
  await refresh();
}

/** Reads the file again with the current options (threshold, layout, encoding, mapping). */
export async function refresh() {
  if (!session.path || session.importing) return;
  const seq = ++previewSeq;
  countSeq++;
  session.previewing = true;
  session.previewError = null;
  session.counts = null;
  try {
    const p = await previewImport(session.path, optionsFor(false));
    if (seq !== previewSeq) return;
    if (p.mapping_source === "suggested" && !session.options.mapping) {
      // Use the guess explicitly, so the owner sees it in the editor and can import it.
      session.options.mapping = JSON.parse(JSON.stringify(p.mapping)) as ColumnMapping;
      session.suggested = true;
    }
    session.preview = p;
    session.previewing = false;
    await count();
  } catch (e) {
    if (seq !== previewSeq) return;
    session.preview = null;
    session.previewing = false;
    session.previewError = e;
  }
}

/** Counts exactly what an import would do (a dry run, nothing written). */
export async function count() {
  const seq = ++countSeq;
  session.counts = null;
  session.countError = null;
  if (!session.preview || session.preview.mapping_errors.length > 0) {
    session.counting = false;
    return;
  }
  session.counting = true;
  await stopRunning();
  if (seq !== countSeq) return;
  await listenOnce().catch(() => undefined);
  if (seq !== countSeq) return;
  session.progress = null;
  const run = startImport(session.path, optionsFor(true));
  running = run;
  try {
    const r = await run;
    if (seq === countSeq) session.counts = r;
  } catch (e) {
    if (seq === countSeq && !isCancelled(e)) session.countError = e;
  } finally {
    if (running === run) running = null;
    if (seq === countSeq) session.counting = false;
  }
}

/** Imports for real; the report lands in `session.report`, an error in `importError`. */
export async function runImport() {
  if (!session.preview || session.importing) return;
  countSeq++;
  session.counting = false;
  session.importing = true;
  session.importError = null;
  session.report = null;
  session.progress = null;
  try {
    await stopRunning();
    await listenOnce().catch(() => undefined);
    // What the cancelled dry run reported is not this import's progress.
    session.progress = null;
    const run = startImport(session.path, optionsFor(false));
    running = run;
    try {
      session.report = await run;
    } finally {
      if (running === run) running = null;
    }
  } catch (e) {
    session.importError = e;
  } finally {
    session.importing = false;
  }
}

export async function cancel() {
  await cancelImport();
}

export function setThreshold(n: number) {
  session.options.max_case_stars = n;
  globalThis.localStorage?.setItem(THRESHOLD_KEY, String(n));
  void refresh();
}

export function setPreset(name: string | null) {
  Object.assign(session.options, { preset: name, mapping: null });
  session.suggested = false;
  void refresh();
}

/** Everything in the file arrives as history: no reminder of its own, one Today item. */
export function setAsHistory(on: boolean) {
  session.options.as_history = on;
  void refresh();
}

export function setEncoding(encoding: string | null) {
  session.options.encoding = encoding;
  void refresh();
}

let mappingTimer: ReturnType<typeof setTimeout> | undefined;
/** A mapping edit: the preview follows shortly after typing stops. */
export function setMapping(mapping: ColumnMapping, delayMs = 350) {
  session.options.mapping = mapping;
  clearTimeout(mappingTimer);
  mappingTimer = setTimeout(() => void refresh(), delayMs);
}

/** Back to choosing a file; a dry run in flight is dropped. */
export async function reset() {
  countSeq++;
  previewSeq++;
  clearTimeout(mappingTimer);
  if (!session.importing) await stopRunning();
  const keep = session.options.max_case_stars;
  const importing = session.importing;
  Object.assign(session, freshState(), { importing });
  session.options.max_case_stars = keep;
}

/** The mapping on screen: the owner's edits, or what the file was read with. */
export function currentMapping(): ColumnMapping | null {
  return session.options.mapping ?? session.preview?.mapping ?? null;
}
