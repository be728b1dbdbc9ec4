// Feature areas plug themselves in: a `features/<area>/` folder may hold
//   messages.ts — `{ "zh-CN": {...}, en: {...} }`, mounted under the area's name in i18n;
//   nav.ts      — a NavEntry: a screen in the left navigation;
//   tab.ts      — a CaseTab: a tab in the case detail pane.
// Discovered at build time, so adding an area touches no shared file. A screen or tab other
// than the start screen names its component with `defineAsyncComponent(() => import(…))`:
// its code (and what only it uses, e.g. ECharts) loads when it is first opened.
import type { Component } from "vue";
import type { Case } from "../bindings";

export interface NavEntry {
  key: string;
  order: number;
  /** i18n key of the label. */
  titleKey: string;
  component: Component;
}

export interface CaseTab {
  key: string;
  order: number;
  titleKey: string;
  /** Receives `case-id` and `case` props and may emit `changed`. */
  component: Component;
  /** Whether the tab applies to this case (default: always). */
  when?: (c: Case) => boolean;
}

export type AreaMessages = { "zh-CN": Record<string, unknown>; en: Record<string, unknown> };

type Mod<T> = { default: T };

export const areaMessages: Record<string, AreaMessages> = Object.fromEntries(
  Object.entries(import.meta.glob<Mod<AreaMessages>>("./*/messages.ts", { eager: true })).map(([path, m]) => [
    path.split("/")[1],
    m.default,
  ]),
);

export const navEntries: NavEntry[] = Object.values(import.meta.glob<Mod<NavEntry>>("./*/nav.ts", { eager: true }))
  .map((m) => m.default)
  .sort((a, b) => a.order - b.order);

export const caseTabs: CaseTab[] = Object.values(import.meta.glob<Mod<CaseTab>>("./*/tab.ts", { eager: true }))
  .map((m) => m.default)
  .sort((a, b) => a.order - b.order);
