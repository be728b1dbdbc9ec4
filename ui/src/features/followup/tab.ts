import { defineAsyncComponent } from "vue";
import type { CaseTab } from "../registry";

const tab: CaseTab = { key: "followup", order: 5, titleKey: "followup.tab", component: defineAsyncComponent(() => import("./CaseFollowupTab.vue")) };
export default tab;
