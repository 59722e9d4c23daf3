// The service worker (frontend/sw/sw.js, written into the build by vite.config.ts): registered in
// the built app only, so `vite dev` never serves stale files from a cache.
import { useEffect, useState } from "preact/hooks";

export function registerServiceWorker() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").catch(() => {
      // No worker (a private window, a browser setting): the app works, only not offline.
    });
  });
}

/** Forget the copies of the account's data the worker kept for interview mode (on sign-out). */
export function forgetOfflineCopies() {
  navigator.serviceWorker?.controller?.postMessage({ type: "forget" });
}

/** What interview mode needs to open without a connection, as the worker keeps it (sw.js `DATA`). */
const KEPT_CACHE = "round-data";

export type OfflineCopy = "kept" | "keeping" | "unavailable";

/**
 * Whether the service worker holds everything interview mode reads for this round: its paths
 * (`/api/v1/...`, query strings ignored) are all in the worker's cache. Checked again whenever
 * `version` changes (the screen passes the time its reads last arrived) and, until the copy is
 * complete, every second: the worker keeps a read before handing it over, so this settles quickly.
 */
export function useOfflineCopy(paths: string[], version: number): OfflineCopy {
  const supported = "serviceWorker" in navigator && "caches" in window && import.meta.env.PROD;
  const [state, setState] = useState<OfflineCopy>(supported ? "keeping" : "unavailable");
  const wanted = paths.join("\n");
  useEffect(() => {
    if (!supported) return;
    let stopped = false;
    let timer: number | undefined;
    const check = async () => {
      if (!navigator.serviceWorker.controller) {
        if (!stopped) setState("keeping");
      } else {
        const cache = await caches.open(KEPT_CACHE);
        const kept = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
        const complete = wanted.split("\n").every((p) => kept.has(p));
        if (stopped) return;
        setState(complete ? "kept" : "keeping");
        if (complete) return;
      }
      timer = window.setTimeout(() => void check(), 1000);
    };
    void check();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [supported, wanted, version]);
  return state;
}
