import type { NavEntry } from "../registry";
import TodayView from "./TodayView.vue";

// A negative order puts "Today" before the inbox and makes it the start screen.
const entry: NavEntry = { key: "today", order: -10, titleKey: "followup.nav", component: TodayView };
export default entry;
