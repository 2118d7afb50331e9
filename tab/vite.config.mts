import path from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The tab is served by the bot's restify server from dist/tab (see bot/src/tab-static.ts).
export default defineConfig({
  root: path.dirname(fileURLToPath(import.meta.url)),
  base: "/",
  plugins: [react()],
  build: {
    outDir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist/tab"),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 900,
  },
});
