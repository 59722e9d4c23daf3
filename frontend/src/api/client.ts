// The one way the app talks to the API: openapi-fetch over the generated types, and unwrap(),
// which turns a problem document (RFC 9457) into a typed ApiError. A resource's version (its etag)
// lives with its query data, never in this module.
import createClient from "openapi-fetch";
import { PAGE_LIMIT } from "./limits";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type FieldError = Schemas["FieldError"];

// Same origin as the app: the HttpOnly session cookie goes along, and the browser sends Origin
// on every write, which is what the server's CSRF guard checks.
export const api = createClient<paths>({ baseUrl: "", credentials: "same-origin" });

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | null;
  readonly errors: FieldError[];
  /** Seconds to wait, from Retry-After on a 429. */
  readonly retryAfter: number | null;

  /** On a 412: the query keys holding the resource, to fetch its latest version. */
  readonly holders: Holders;

  constructor(status: number, problem: Partial<Schemas["Problem"]>, retryAfter: number | null = null, holders: Holders = []) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = problem.type ?? "about:blank";
    this.title = problem.title ?? `HTTP ${status}`;
    this.detail = problem.detail ?? null;
    this.errors = problem.errors ?? [];
    this.retryAfter = retryAfter;
    this.holders = holders;
  }

  /** Field errors by field name (the last path segment, e.g. `body.company` -> `company`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const e of this.errors) {
      const name = e.field.split(".").pop() ?? e.field;
      out[name] ??= e.message;
    }
    return out;
  }
}

/** The version of the copy the user is editing, sent as If-Match: the server answers 412 when the
 * resource changed since (docs/decisions.md). Every representation carries its `etag`, list items too. */
export function ifMatch(copy: { etag: string } | undefined): { "if-match"?: string } {
  return copy ? { "if-match": copy.etag } : {};
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Query keys whose data hold a resource: what "Reload the latest" fetches again after a 412. */
export type Holders = readonly (readonly unknown[])[];

export async function unwrap<T>(request: Promise<FetchResult<T>>, holders?: Holders): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, { title: "Network error", detail: "The server could not be reached. Check your connection and try again." });
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const problem = (typeof error === "object" && error !== null ? error : {}) as Partial<Schemas["Problem"]>;
    const retry = response.headers.get("retry-after");
    throw new ApiError(response.status, problem, retry ? Number(retry) : null, holders ?? []);
  }
  return data as T;
}

/** What a list request asks for: a page size and, after the first page, where to go on. */
export type PageQuery = { limit: number; cursor?: string };

/** Every item of a list, following next_cursor to the last page: a list is shown whole, never cut.
 * A server that hands back a cursor it gave before would loop forever: that is an error, said so. */
export async function listAll<T>(
  fetchPage: (page: PageQuery) => Promise<FetchResult<{ items: T[]; next_cursor?: string | null }>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const page = await unwrap(fetchPage(cursor ? { limit: PAGE_LIMIT, cursor } : { limit: PAGE_LIMIT }));
    items.push(...page.items);
    if (!page.next_cursor) return items;
    if (seen.has(page.next_cursor)) {
      throw new ApiError(0, { title: "Incomplete list", detail: "The server sent part of this list twice, so it is not shown. Try again." });
    }
    seen.add(page.next_cursor);
    cursor = page.next_cursor;
  }
}

/** A plain-words message for any error, for the places that show one line. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 412) return "This was changed elsewhere (perhaps in another tab) since you opened it.";
    if (error.status === 429) {
      return `Too many attempts. Try again in ${error.retryAfter ?? 60} seconds.`;
    }
    return error.detail ?? error.title;
  }
  return "Something went wrong. Please try again.";
}
