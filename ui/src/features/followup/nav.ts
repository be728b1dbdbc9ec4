import type { NavEntry } from "../registry";
import TodayView from "./TodayView.vue";

// A negative order puts "Today" before the inbox and makes it the start screen, which is
// why it is imported directly: it ships with the app, every other screen loads when opened.
const entry: NavEntry = { key: "today", order: -10, titleKey: "followup.nav", component: TodayView };
export default entry;
