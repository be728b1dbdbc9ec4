import type { NavEntry } from "../registry";
import LedgerScreen from "./LedgerScreen.vue";

const entry: NavEntry = {
  key: "ledger",
  order: 20,
  titleKey: "remedies.nav",
  component: LedgerScreen,
};
export default entry;
