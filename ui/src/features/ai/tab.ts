import type { CaseTab } from "../registry";
import AiDraftTab from "./AiDraftTab.vue";

const tab: CaseTab = { key: "ai", order: 15, titleKey: "ai.tab", component: AiDraftTab };
export default tab;
