// Test data shaped like what the core sends, for the intake tests.
import type { ColumnMapping, ImportReport, PastedReview, Preview, PreviewRow } from "../../bindings";

export function mapping(over: Partial<ColumnMapping> = {}): ColumnMapping {
  return {
    platform: "other",
    fields: [
      { field: "rating", column: "标签" },
      { field: "review_text", column: "评价内容" },
      { field: "product", column: "类别" },
    ],
    rating: { kind: "values", values: [{ value: "0", stars: 1 }, { value: "1", stars: 5 }] },
    default_product: "",
    timezone: "Asia/Shanghai",
    unescape_newlines: false,
    ...over,
  };
}

export function row(n: number, over: Partial<PreviewRow> = {}): PreviewRow {
  return {
    row: n,
    cells: ["水果", "0", `第 ${n} 行：根本就不是图的颜色`],
    outcome: "case",
    stars: 1,
    product: "水果",
    review_text: `第 ${n} 行：根本就不是图的颜色`,
    review_time: null,
    order_id: null,
    review_id: null,
    buyer_nick: null,
    rejected: null,
    ...over,
  };
}

export function preview(over: Partial<Preview> = {}): Preview {
  return {
    kind: "csv",
    encoding: "GBK",
    bom: false,
    delimiter: ",",
    sheet: "",
    header_row: 1,
    headers: ["类别", "标签", "评价内容"],
    preset: "online_shopping_zh",
    mapping: mapping(),
    mapping_source: "preset",
    saved_mapping_id: null,
    mapping_errors: [],
    warnings: ["mapping.no_time", "mapping.no_identity"],
    rows: [row(2), row(3), row(4, { outcome: "stats_only", stars: 5, cells: ["平板", "1", "很好"], review_text: "很好", product: "平板" })],
    bytes_total: 71014,
    ...over,
  };
}

export function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    import_id: null,
    dry_run: true,
    file_name: "zh-online-shopping-neg600.gbk.csv",
    kind: "csv",
    encoding: "GBK",
    preset: "online_shopping_zh",
    mapping_source: "preset",
    rows_read: 600,
    new: 600,
    updated: 0,
    duplicates: 0,
    stats_only: 0,
    backlog: 0,
    empty_rows: 0,
    rejected_total: 0,
    rejected: [],
    warnings: ["mapping.no_time"],
    ...over,
  };
}

export function pasted(): PastedReview {
  return {
    platform: { value: "taobao", confidence: 50 },
    buyer_nick: { value: "t***1", confidence: 90 },
    stars: { value: 1, confidence: 80 },
    review_time: { value: "2024-05-03T06:22:10Z", confidence: 80 },
    order_id: { value: "3721845590123456789", confidence: 90 },
    product: { value: "加厚保温杯 500ml", confidence: 90 },
    review_text: { value: "质量太差了，用了两天就漏水", confidence: 70 },
    follow_up_text: null,
    seller_reply: null,
  };
}
