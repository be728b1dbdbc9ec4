import { defineAsyncComponent } from "vue";
import type { NavEntry } from "../registry";

const nav: NavEntry = { key: "templates", order: 30, titleKey: "drafts.nav", component: defineAsyncComponent(() => import("./TemplatesView.vue")) };
export default nav;
