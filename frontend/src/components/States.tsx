// Loading, empty and error states, the same everywhere.
import { useQueryClient } from "@tanstack/react-query";
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiError, messageOf } from "../api/client";

export function Loading({ label = "Loading" }: { label?: string }) {
  return (
    <div class="state state--loading" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}…</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state--empty">
      <p class="state__title">{title}</p>
      {children && <div class="state__body">{children}</div>}
    </div>
  );
}

export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  if (error instanceof ApiError && error.status === 412) return <ConflictNote error={error} />;
  const notFound = error instanceof ApiError && error.status === 404;
  return (
    <div class="state state--error" role="alert">
      <p class="state__title">{notFound ? "Not found" : "Could not load this"}</p>
      <p class="state__body">{notFound ? "It may have been deleted, or the link is wrong." : messageOf(error)}</p>
      {retry && !notFound && (
        <button type="button" class="btn btn--secondary" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A 412: someone changed the thing since it was loaded. "Reload the latest" fetches its latest
 * version (the single read and every list that holds it), so the next save sends the fresh ETag. */
export function ConflictNote({ error }: { error: ApiError }) {
  const qc = useQueryClient();
  const [state, setState] = useState<"stale" | "reloading" | "fresh">("stale");
  useEffect(() => setState("stale"), [error]);
  async function reload() {
    setState("reloading");
    const holders = error.holders.length ? error.holders : [[]];
    await Promise.all(holders.map((queryKey) => qc.invalidateQueries({ queryKey: [...queryKey] })));
    setState("fresh");
  }
  if (state === "fresh") {
    return (
      <p class="notice notice--ok" role="status">
        This now shows the latest version. Check your change and save again.
      </p>
    );
  }
  return (
    <div class="notice notice--warning" role="alert">
      <p>
        <strong>This changed elsewhere</strong> (perhaps in another tab or on another device) since you opened it, so
        your change was not saved.
      </p>
      <button type="button" class="btn btn--secondary" disabled={state === "reloading"} onClick={reload}>
        Reload the latest
      </button>
    </div>
  );
}
