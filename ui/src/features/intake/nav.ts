import { defineAsyncComponent } from "vue";
import type { NavEntry } from "../registry";

const entry: NavEntry = { key: "intake", order: 10, titleKey: "intake.nav", component: defineAsyncComponent(() => import("./ImportView.vue")) };
export default entry;
