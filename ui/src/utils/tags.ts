// Colours for status, cause and severity tags: calm by default, red only where urgent.
import type { CaseStatus, Cause, Platform } from "../bindings";

type TagType = "default" | "primary" | "info" | "success" | "warning" | "error";

export const statusTag: Record<CaseStatus, TagType> = {
  new: "error",
  contacting: "warning",
  negotiating: "warning",
  waiting_update: "info",
  resolved: "success",
  closed: "default",
};

export const causeTag: Record<Cause, TagType> = {
  quality: "error",
  not_as_described: "warning",
  logistics: "info",
  packaging: "info",
  service: "warning",
  shipping_error: "warning",
  price: "default",
  malicious: "error",
  misattributed: "default",
  other: "default",
};

export function severityTag(severity: number): TagType {
  return severity >= 3 ? "error" : severity === 2 ? "warning" : "default";
}

// Derived from the exhaustive records above, so a new status or cause cannot be forgotten.
export const ALL_STATUSES = Object.keys(statusTag) as CaseStatus[];
export const ALL_CAUSES = Object.keys(causeTag) as Cause[];

const platformOrder: Record<Platform, number> = {
  taobao: 0,
  tmall: 1,
  jd: 2,
  pinduoduo: 3,
  douyin: 4,
  meituan: 5,
  amazon: 6,
  shopify: 7,
  other: 8,
};
export const ALL_PLATFORMS = Object.keys(platformOrder) as Platform[];
