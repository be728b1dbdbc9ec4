import { describe, expect, it } from "vitest";
import { i18n } from "../../i18n";
import { IpcError } from "../../api/ipc";
import messages from "./messages";
import {
  cleanPath,
  confidenceLevel,
  fieldsOf,
  fileName,
  guessStars,
  pastedToForm,
  percentOf,
  problemText,
  ratingValues,
  rejectText,
  sampleOf,
  warningText,
  withColumnFields,
} from "./logic";
import { intakeError } from "./errors";
import { mapping, pasted, preview, row } from "./fixtures";

const { t, te } = i18n.global;

describe("paths", () => {
  it("takes paths as Windows, file managers and people give them", () => {
    expect(cleanPath('  "C:\\导出\\评价.csv" ')).toBe("C:\\导出\\评价.csv");
    expect(cleanPath("'/home/me/a b.csv'")).toBe("/home/me/a b.csv");
    expect(cleanPath("file:///home/me/%E8%AF%84%E4%BB%B7.csv")).toBe("/home/me/评价.csv");
    expect(cleanPath("file:///C:/exports/r.csv")).toBe("C:/exports/r.csv");
    expect(cleanPath("/plain/path.tsv\n")).toBe("/plain/path.tsv");
    expect(fileName("C:\\a\\b\\评价.csv")).toBe("评价.csv");
    expect(fileName("/x/y.xlsx")).toBe("y.xlsx");
  });
});

describe("column mapping edits", () => {
  const headers = ["类别", "标签", "评价内容"];

  it("sets the fields of one column and keeps the others in header order", () => {
    const m = withColumnFields(mapping(), headers, "类别", ["product", "title"]);
    expect(m.fields).toEqual([
      { field: "product", column: "类别" },
      { field: "title", column: "类别" },
      { field: "rating", column: "标签" },
      { field: "review_text", column: "评价内容" },
    ]);
    expect(fieldsOf(m, "类别")).toEqual(["product", "title"]);
    const cleared = withColumnFields(m, headers, "类别", []);
    expect(fieldsOf(cleared, "类别")).toEqual([]);
    expect(cleared.fields).toHaveLength(2);
  });

  it("keeps columns the file lacks, so the problem stays visible", () => {
    const m = mapping({ fields: [{ field: "order_id", column: "订单号" }] });
    const next = withColumnFields(m, headers, "标签", ["rating"]);
    expect(next.fields).toContainEqual({ field: "order_id", column: "订单号" });
    expect(next.fields).toContainEqual({ field: "rating", column: "标签" });
  });

  it("collects rating values from the preview and guesses their stars", () => {
    expect(ratingValues(preview(), mapping())).toEqual(["0", "1"]);
    expect(guessStars("0")).toBe(1);
    expect(guessStars("差评")).toBe(1);
    expect(guessStars("neutral")).toBe(3);
    expect(guessStars("4.0")).toBe(4);
    expect(guessStars("1")).toBe(1);
    expect(guessStars("great")).toBe(5);
    expect(sampleOf(preview(), "类别")).toBe("水果 · 水果");
    expect(sampleOf(preview(), "nope")).toBe("");
  });
});

describe("progress", () => {
  it("is a whole percentage of the bytes read", () => {
    const p = { rows_done: 500, bytes_done: 35507, bytes_total: 71014, new: 0, updated: 0, duplicates: 0, rejected: 0 };
    expect(percentOf(p)).toBe(50);
    expect(percentOf({ ...p, bytes_done: 90000 })).toBe(100);
    expect(percentOf({ ...p, bytes_total: 0 })).toBe(0);
    expect(percentOf(null)).toBe(0);
  });
});

describe("wording", () => {
  it("localizes mapping problems with their argument, in both languages", () => {
    i18n.global.locale.value = "zh-CN";
    expect(problemText("mapping.unknown_column:评分", t, te)).toBe("文件里没有「评分」这一列");
    expect(problemText("mapping.no_rating", t, te)).toBe("请指定哪一列是评分");
    expect(warningText("mapping.no_time", t, te)).toMatch(/导入时间/);
    i18n.global.locale.value = "en";
    expect(problemText("mapping.bad_timezone:Mars/Base", t, te)).toBe("Unknown time zone “Mars/Base”");
    expect(problemText("mapping.something_new", t, te)).toBe("mapping.something_new");
    i18n.global.locale.value = "zh-CN";
  });

  it("localizes every reject code and every intake error code", () => {
    for (const lang of ["zh-CN", "en"] as const) {
      const m = messages[lang];
      for (const code of [
        "undecodable",
        "truncated",
        "field_too_long",
        "missing_rating",
        "bad_rating",
        "bad_time",
        "future_time",
        "missing_text",
        "text_too_long",
        "missing_product",
        "order_id_mangled",
        "bad_value",
      ]) {
        expect(m.reject[code as keyof typeof m.reject], `${lang} ${code}`).toBeTruthy();
      }
      for (const code of [
        "empty_file",
        "binary_file",
        "cannot_open",
        "bad_workbook",
        "unknown_encoding",
        "mixed_encoding",
        "wrong_encoding",
        "unknown_layout",
        "mapping_incomplete",
        "unknown_preset",
        "preset_mismatch",
        "cancelled",
      ]) {
        expect(m.errors[`intake_${code}` as keyof typeof m.errors], `${lang} ${code}`).toBeTruthy();
      }
    }
  });

  it("turns errors into words: intake codes first, then the app's", () => {
    i18n.global.locale.value = "zh-CN";
    expect(intakeError(t, te, new IpcError({ code: "intake.wrong_encoding", message: "x" }))).toMatch(/编码/);
    expect(intakeError(t, te, new IpcError({ code: "validation.duplicate_review", message: "x" }))).toBe("这条评价已经在案例库里了");
    i18n.global.locale.value = "en";
    expect(intakeError(t, te, new IpcError({ code: "intake.cancelled", message: "x" }))).toBe("Cancelled: the database is unchanged");
    expect(rejectText({ row: 7, code: "bad_rating", column: "评分", reason: "'abc' is not a rating" }, t, te)).toBe(
      "The rating cannot be read",
    );
    i18n.global.locale.value = "zh-CN";
  });
});

describe("pasted reviews", () => {
  it("grades confidence and fills the form", () => {
    expect(confidenceLevel(90)).toBe("high");
    expect(confidenceLevel(70)).toBe("medium");
    expect(confidenceLevel(50)).toBe("low");
    expect(confidenceLevel(null)).toBe("missing");
    const f = pastedToForm(pasted());
    expect(f.platform).toBe("taobao");
    expect(f.stars).toBe(1);
    expect(f.order_id).toBe("3721845590123456789");
    expect(f.follow_up_text).toBe("");
    expect(pastedToForm({ ...pasted(), stars: null }).stars).toBe(0);
    expect(row(9).row).toBe(9);
  });
});
