import preact from "@preact/preset-vite";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { defineConfig, type Plugin } from "vite";

// `make dev` starts the API and points this proxy at it, so the app and the API share an origin.
const api = process.env.SECONDROUND_API ?? "http://127.0.0.1:8000";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** The service worker (sw/sw.js), written into the build with the list of the build's files to
 * cache at install and a version that changes with them, so each build replaces the last one's shell. */
function serviceWorker(): Plugin {
  return {
    name: "secondround-service-worker",
    apply: "build",
    generateBundle(_options, bundle) {
      const source = readFileSync("sw/sw.js", "utf8");
      const publicFiles = filesUnder("public").map((f) => relative("public", f).split("\\").join("/"));
      const files = [...Object.keys(bundle), ...publicFiles]
        .filter((f) => !f.endsWith(".map") && f !== "sw.js" && f !== "index.html")
        .sort();
      const precache = ["/index.html", ...files.map((f) => `/${f}`)];
      const build = createHash("sha256").update(source).update(precache.join("\n")).digest("hex").slice(0, 12);
      this.emitFile({
        type: "asset",
        fileName: "sw.js",
        source: source
          .replace("self.__BUILD__", JSON.stringify(build))
          .replace("self.__PRECACHE__", JSON.stringify(precache)),
      });
    },
  };
}

export default defineConfig({
  plugins: [preact(), serviceWorker()],
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
