import { describe, expect, it } from "vitest";
import { actorName } from "./actors";

const en: Record<string, string> = {
  "actor.owner": "Owner",
  "actor.buyer": "Buyer",
  "actor.import": "Import",
  "actor.staffNamed": "Support {name}",
};
const t = (key: string, params?: Record<string, unknown>) =>
  (en[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(params?.[k] ?? ""));

describe("actorName", () => {
  it("words the roles in the window's language and keeps people's names", () => {
    expect(actorName("店主", t)).toBe("Owner");
    expect(actorName("买家", t)).toBe("Buyer");
    expect(actorName("import", t)).toBe("Import");
    expect(actorName("客服小周", t)).toBe("Support 小周");
    expect(actorName("王芳", t)).toBe("王芳");
  });
});
