import type { NavEntry } from "../registry";
import InsightsView from "./InsightsView.vue";

const entry: NavEntry = { key: "insights", order: 25, titleKey: "insights.nav", component: InsightsView };
export default entry;
