import { defineAsyncComponent } from "vue";
import type { CaseTab } from "../registry";

const tab: CaseTab = { key: "drafts", order: 10, titleKey: "drafts.tab", component: defineAsyncComponent(() => import("./DraftsTab.vue")) };
export default tab;
