import { defineAsyncComponent } from "vue";
import type { NavEntry } from "../registry";

const nav: NavEntry = { key: "ai", order: 90, titleKey: "ai.nav", component: defineAsyncComponent(() => import("./AiSettingsView.vue")) };
export default nav;
