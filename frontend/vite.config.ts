import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// `make dev` starts the API and points this proxy at it, so the app and the API share an origin.
const api = process.env.SECONDROUND_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [preact()],
  build: {
    target: "es2022",
    // Modern browsers preload modules natively; the polyfill would only add bytes.
    modulePreload: { polyfill: false },
    // Inlined assets would become data: URLs inside CSS/JS; keep every asset a hashed file.
    assetsInlineLimit: 0,
  },
  server: {
    proxy: { "/api": { target: api } },
  },
});
