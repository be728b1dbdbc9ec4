import type { NavEntry } from "../registry";
import KeywordsView from "./KeywordsView.vue";

const entry: NavEntry = { key: "triage", order: 50, titleKey: "triage.nav", component: KeywordsView };
export default entry;
