import { defineAsyncComponent } from "vue";
import type { CaseTab } from "../registry";

const tab: CaseTab = { key: "ai", order: 15, titleKey: "ai.tab", component: defineAsyncComponent(() => import("./AiDraftTab.vue")) };
export default tab;
