import { defineAsyncComponent } from "vue";
import type { NavEntry } from "../registry";

const entry: NavEntry = { key: "insights", order: 25, titleKey: "insights.nav", component: defineAsyncComponent(() => import("./InsightsView.vue")) };
export default entry;
