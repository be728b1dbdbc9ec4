import { createApp } from "vue";
import App from "./App.vue";
import { i18n } from "./i18n";
import { boot } from "./store";
import "./styles.css";

// Marks on the page's timeline (see api/ipc.ts): every import above has run by now.
performance.mark("ui script evaluated");
// Asked before mounting: Rust reads the first screen while the UI renders its frame.
boot().catch(() => {
  /* App shows why */
});
createApp(App).use(i18n).mount("#app");
performance.mark("ui mounted");
