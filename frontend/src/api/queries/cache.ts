// A resource's version lives with its query data: these keep the copies in the cache current.
import type { QueryClient } from "@tanstack/react-query";

type Copy = { id: string; etag: string };

/** The copy with this id in a cached list, else the one given: the version the user sees now.
 * Writes that follow each other quickly (a slider, a pin) run in one mutation scope, one after the
 * other, so each sends the version the previous one left in the cache. */
export function latest<T extends Copy>(qc: QueryClient, listKey: readonly unknown[], copy: T): T {
  return qc.getQueryData<T[]>(listKey)?.find((x) => x.id === copy.id) ?? copy;
}

/** Put a write's answer (the new version) in place of its old copy in a cached list. */
export function replaceIn<T extends { id: string }>(qc: QueryClient, listKey: readonly unknown[], updated: T): void {
  qc.setQueryData<T[]>(listKey, (list) => list?.map((x) => (x.id === updated.id ? updated : x)));
}
