import { defineAsyncComponent } from "vue";
import type { CaseTab } from "../registry";

const tab: CaseTab = {
  key: "remedies",
  order: 20,
  titleKey: "remedies.tab",
  component: defineAsyncComponent(() => import("./RemediesTab.vue")),
};
export default tab;
