// The service worker (frontend/sw/sw.js, written into the build by vite.config.ts): registered in
// the built app only, so `vite dev` never serves stale files from a cache.
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
