// Errors of this screen in words. Kept apart from logic.ts so the import session does not
// pull in the whole i18n setup.
import { IpcError } from "../../api/ipc";
import { errorText } from "../../i18n";

type Translate = (key: string, params?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

/** Any error of this screen in words: intake codes first, then the app-wide ones. */
export function intakeError(t: Translate, te: Exists, e: unknown): string {
  if (e instanceof IpcError) {
    const key = `intake.errors.${e.code.replace(/\./g, "_")}`;
    if (te(key)) return t(key);
  }
  return errorText(t, te, e);
}
