import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

// The desktop shell loads the built files; the dev server is only for `tauri dev`.
export default defineConfig({
  plugins: [vue()],
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
  },
});
