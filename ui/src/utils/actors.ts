// Who did something, in the window's language. History keeps the name written at the
// time: the owner's operator name (the default "店主"), the shop's roles in the demo
// shop, or what the app itself wrote ("import", "cli"). Roles are worded in the UI
// language; a person's own name stays as it was typed.
type Translate = (key: string, params?: Record<string, unknown>) => string;

const ROLES: Record<string, string> = {
  店主: "owner",
  买家: "buyer",
  客服: "staff",
  import: "import",
  cli: "cli",
  demo: "demo",
};

/** The actor of a history entry or a contact, as the window's language says it. */
export function actorName(actor: string, t: Translate): string {
  const role = ROLES[actor.trim()];
  if (role) return t(`actor.${role}`);
  // "客服小周": the role, then the person's name.
  if (actor.startsWith("客服") && actor.length > 2) return t("actor.staffNamed", { name: actor.slice(2) });
  return actor;
}
