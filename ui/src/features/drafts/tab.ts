import type { CaseTab } from "../registry";
import DraftsTab from "./DraftsTab.vue";

const tab: CaseTab = { key: "drafts", order: 10, titleKey: "drafts.tab", component: DraftsTab };
export default tab;
