import type { CaseTab } from "../registry";
import RemediesTab from "./RemediesTab.vue";

const tab: CaseTab = {
  key: "remedies",
  order: 20,
  titleKey: "remedies.tab",
  component: RemediesTab,
};
export default tab;
