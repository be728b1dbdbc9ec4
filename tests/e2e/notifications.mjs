// The desktop notifications the app sent, as the stand-in server in .ci/e2e received them,
// and a way to click one as the owner would.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const SERVED = process.env.NOTIFICATION_SERVER_LOG;

/** Every notification received so far: { id, app, summary, body, actions }. */
export function served() {
  if (!SERVED) throw new Error("NOTIFICATION_SERVER_LOG must be set (run through .ci/e2e)");
  return readFileSync(SERVED, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** Clicks a notification: the server emits ActionInvoked(id, "default") as a real one does. */
export function click(id, action = "default") {
  execFileSync("gdbus", [
    "call", "--session",
    "--dest", "org.freedesktop.Notifications",
    "--object-path", "/org/freedesktop/Notifications",
    "--method", "org.haoping.TestNotifications.Click",
    String(id), action,
  ]);
}
