import { describe, expect, it } from "vitest";
import type { Reason } from "../../bindings";
import { groupReasons, reasonText, sourceKey, withoutCause } from "./reasons";

const rule: Reason = { kind: "cause", cause: "quality", term: "坏了", zh: "质量问题：“坏了”", en: "quality: “坏了”" };
const model: Reason = {
  kind: "model",
  cause: "quality",
  term: "坏了 | 不能用",
  zh: "质量问题：模型判断（87%），依据“坏了”“不能用”",
  en: "quality: model (87 %), from “坏了”, “不能用”",
};
const logistics: Reason = { kind: "cause", cause: "logistics", term: "物流…慢", zh: "物流/快递：“物流…慢”", en: "logistics: “物流…慢”" };
const oneStar: Reason = { kind: "one_star", cause: null, term: "1", zh: "1 星评价", en: "1-star review" };

describe("triage reasons", () => {
  it("groups reasons under the case's causes, primary first, and keeps the rest apart", () => {
    const g = groupReasons([oneStar, logistics, rule, model], ["quality", "logistics", "price"]);
    expect(g.byCause.map((x) => x.cause)).toEqual(["quality", "logistics"]);
    expect(g.byCause[0].reasons).toEqual([rule, model]);
    expect(g.rest).toEqual([oneStar]);
  });

  it("drops cause reasons for causes the case no longer has", () => {
    const g = groupReasons([rule, logistics], ["logistics"]);
    expect(g.byCause).toEqual([{ cause: "logistics", reasons: [logistics] }]);
    expect(g.rest).toEqual([]);
  });

  it("shows each reason in the window's language, without the cause already on the tag", () => {
    expect(reasonText(model, "en")).toBe(model.en);
    expect(reasonText(model, "zh-CN")).toBe(model.zh);
    expect(withoutCause(rule, "zh-CN")).toBe("“坏了”");
    expect(withoutCause(model, "en")).toBe("model (87 %), from “坏了”, “不能用”");
    expect(withoutCause(oneStar, "en")).toBe("1-star review");
  });

  it("names where a reason comes from", () => {
    expect(sourceKey("model")).toBe("triage.reasons.model");
    expect(sourceKey("owner_keyword")).toBe("triage.reasons.owner");
    expect(sourceKey("one_star")).toBeNull();
  });
});
