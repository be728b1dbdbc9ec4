import type { NavEntry } from "../registry";
import TemplatesView from "./TemplatesView.vue";

const nav: NavEntry = { key: "templates", order: 30, titleKey: "drafts.nav", component: TemplatesView };
export default nav;
