// The one way the app talks to the API: openapi-fetch over the generated types, and unwrap(),
// which turns a problem document (RFC 9457) into a typed ApiError and keeps each resource's ETag.
import createClient from "openapi-fetch";
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

  constructor(status: number, problem: Partial<Schemas["Problem"]>, retryAfter: number | null = null) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.status = status;
    this.type = problem.type ?? "about:blank";
    this.title = problem.title ?? `HTTP ${status}`;
    this.detail = problem.detail ?? null;
    this.errors = problem.errors ?? [];
    this.retryAfter = retryAfter;
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

// ETags by resource path, so a write can say which version it changes (If-Match -> 412 if stale).
const etags = new Map<string, string>();

export function ifMatch(path: string): { "if-match"?: string } {
  const tag = etags.get(path);
  return tag ? { "if-match": tag } : {};
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch {
    throw new ApiError(0, { title: "Network error", detail: "The server could not be reached. Check your connection and try again." });
  }
  const { data, error, response } = result;
  const path = new URL(response.url, location.origin).pathname;
  if (!response.ok) {
    const problem = (typeof error === "object" && error !== null ? error : {}) as Partial<Schemas["Problem"]>;
    const retry = response.headers.get("retry-after");
    throw new ApiError(response.status, problem, retry ? Number(retry) : null);
  }
  const tag = response.headers.get("etag");
  if (tag) etags.set(path, tag);
  else if (response.status === 204) etags.delete(path);
  return data as T;
}

/** Every page of a list, following next_cursor (lists are capped at 200 per page). */
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>,
  maxPages = 20,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    if (!page.next_cursor) break;
    cursor = page.next_cursor;
  }
  return items;
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
