import type { NavEntry } from "../registry";
import ImportView from "./ImportView.vue";

const entry: NavEntry = { key: "intake", order: 10, titleKey: "intake.nav", component: ImportView };
export default entry;
