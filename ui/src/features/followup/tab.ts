import type { CaseTab } from "../registry";
import CaseFollowupTab from "./CaseFollowupTab.vue";

const tab: CaseTab = { key: "followup", order: 5, titleKey: "followup.tab", component: CaseFollowupTab };
export default tab;
