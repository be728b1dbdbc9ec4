// The background re-triage as the window sees it, kept outside the screen so leaving it
// and coming back (a million cases take a while) loses nothing. Rust runs one at a time
// and reports progress and the end as events; `sync` catches up with a run started
// before the screen was opened.
import { reactive } from "vue";
import type { RetriageOutcome, RetriageProgress } from "../../bindings";
import { cancelRetriage, onRetriageDone, onRetriageProgress, retriageStatus, startRetriage } from "../../api/triage";

export const retriage = reactive({
  running: false,
  cancelling: false,
  progress: null as RetriageProgress | null,
  last: null as RetriageOutcome | null,
  /** Keywords, alerts or settings changed since the last complete run in this session. */
  stale: false,
  /** An error starting the run (the end of a run carries its own). */
  startError: null as unknown,
});

let listening: Promise<unknown> | null = null;

function finished(o: RetriageOutcome) {
  retriage.running = false;
  retriage.cancelling = false;
  retriage.progress = null;
  retriage.last = o;
  if (o.summary && !o.summary.cancelled) retriage.stale = false;
}

/** Subscribes to the progress and end events once for the whole session. */
export function listenOnce(): Promise<unknown> {
  listening ??= Promise.all([
    onRetriageProgress((p) => {
      if (retriage.running) retriage.progress = p;
    }),
    onRetriageDone(finished),
  ]).catch((e) => {
    listening = null;
    throw e;
  });
  return listening;
}

/** Asks Rust whether a run is going (and how the last one ended). */
export async function sync() {
  await listenOnce();
  const s = await retriageStatus();
  retriage.running = s.running;
  if (!s.running) retriage.cancelling = false;
  retriage.progress = s.progress ?? (s.running ? retriage.progress : null);
  if (s.last) retriage.last = s.last;
}

export async function start() {
  if (retriage.running) return;
  await listenOnce();
  retriage.startError = null;
  retriage.last = null;
  retriage.progress = null;
  // Set before the call: a small run can end (and send its end event) before it returns.
  retriage.running = true;
  try {
    await startRetriage();
  } catch (e) {
    retriage.running = false;
    retriage.startError = e;
  }
}

export async function cancel() {
  if (!retriage.running) return;
  retriage.cancelling = true;
  try {
    if (!(await cancelRetriage())) retriage.cancelling = false;
  } catch {
    retriage.cancelling = false;
  }
}

/** Something the labels depend on changed: offer to relabel what is stored. */
export function markStale() {
  retriage.stale = true;
}

/** For tests: back to a fresh session. */
export function resetRetriage() {
  Object.assign(retriage, { running: false, cancelling: false, progress: null, last: null, stale: false, startError: null });
  listening = null;
}
