// What the drafts tab keeps per channel while the owner edits.
import type { Draft, Finding } from "../../bindings";

export interface CardState {
  /** As generated: what "revert" goes back to and what "edited" compares with. */
  draft: Draft;
  /** What is in the text area now. */
  text: string;
  /** The checker's findings for `checkedText`. */
  findings: Finding[];
  /** The text the findings belong to; differs from `text` while a check is pending. */
  checkedText: string;
  checkError: string | null;
  busy: boolean;
  /** Local time of the last copy, shown as the confirmation. */
  copiedAt: string | null;
}

export function cardFrom(draft: Draft): CardState {
  return {
    draft,
    text: draft.text,
    findings: draft.findings,
    checkedText: draft.text,
    checkError: null,
    busy: false,
    copiedAt: null,
  };
}

export function isDirty(s: CardState | null | undefined): boolean {
  return !!s && s.text !== s.draft.text;
}
