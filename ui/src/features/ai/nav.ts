import type { NavEntry } from "../registry";
import AiSettingsView from "./AiSettingsView.vue";

const nav: NavEntry = { key: "ai", order: 90, titleKey: "ai.nav", component: AiSettingsView };
export default nav;
