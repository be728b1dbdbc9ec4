import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";
import { fileURLToPath } from "node:url";

// The desktop shell loads the built files; the dev server is only for `tauri dev`.
export default defineConfig({
  plugins: [vue()],
  // ECharts must load under the shell's frozen Object.prototype: see the file's comment.
  resolve: { alias: [{ find: /^tslib$/, replacement: fileURLToPath(new URL("./src/shims/tslib.js", import.meta.url)) }] },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    target: "safari15",
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.ts"],
    // Through Vite, so the tests load ECharts with the same tslib as the app.
    server: { deps: { inline: ["echarts", "zrender"] } },
  },
});
