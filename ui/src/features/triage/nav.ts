import { defineAsyncComponent } from "vue";
import type { NavEntry } from "../registry";

const entry: NavEntry = { key: "triage", order: 50, titleKey: "triage.nav", component: defineAsyncComponent(() => import("./KeywordsView.vue")) };
export default entry;
