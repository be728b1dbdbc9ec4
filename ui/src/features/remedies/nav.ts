import { defineAsyncComponent } from "vue";
import type { NavEntry } from "../registry";

const entry: NavEntry = {
  key: "ledger",
  order: 20,
  titleKey: "remedies.nav",
  component: defineAsyncComponent(() => import("./LedgerScreen.vue")),
};
export default entry;
