// Marks made in interview mode (asked, answered, skipped), kept on the phone until the server has
// them. A mark is queued first and sent at once when there is a connection; without one it waits
// in localStorage (it survives a reload or a closed tab) and goes when the connection returns.
//
// Each queued mark remembers the version of the question's entry it was made on. It is sent with
// that version as If-Match, so a change made meanwhile elsewhere (another tab, the laptop) comes
// back as a 412 and becomes a conflict the user settles: never overwritten, never dropped.
import type { QueryClient } from "@tanstack/react-query";
import { ApiError, api, listAll, messageOf, unwrap, type Schemas } from "../api/client";
import { keys } from "../api/queries/keys";
import type { RoundQuestion } from "../api/queries/roundQuestions";

export type MarkStatus = Schemas["RoundQuestionStatus"];

export type PendingMark = {
  roundId: string;
  questionId: string;
  text: string;
  status: MarkStatus;
  /** The entry as the user saw it when marking: its version (null: no entry yet) and status. */
  baseEtag: string | null;
  baseStatus: MarkStatus;
};

/** A mark the server could not take as it was: the question changed elsewhere, or was refused. */
export type MarkConflict = PendingMark & { theirs: MarkStatus; theirEtag: string | null; problem: string | null };

type Stored = { pending: PendingMark[]; conflicts: MarkConflict[] };

const listeners = new Set<() => void>();
const flushing = new Set<string>();

function storageKey(accountId: string) {
  return `secondround.marks.v1.${accountId}`;
}

export function readMarks(accountId: string): Stored {
  try {
    const raw = localStorage.getItem(storageKey(accountId));
    const parsed = raw ? (JSON.parse(raw) as Partial<Stored>) : {};
    return { pending: parsed.pending ?? [], conflicts: parsed.conflicts ?? [] };
  } catch {
    return { pending: [], conflicts: [] };
  }
}

function write(accountId: string, stored: Stored) {
  if (stored.pending.length === 0 && stored.conflicts.length === 0) localStorage.removeItem(storageKey(accountId));
  else localStorage.setItem(storageKey(accountId), JSON.stringify(stored));
  for (const listener of listeners) listener();
}

export function subscribeMarks(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab of the app changed the queue.
  const onStorage = (e: StorageEvent) => e.key?.startsWith("secondround.marks.") && listener();
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

const same = (a: { roundId: string; questionId: string }, b: { roundId: string; questionId: string }) =>
  a.roundId === b.roundId && a.questionId === b.questionId;

/** Queue a mark. Marking again before it is sent changes the queued mark (its base stays the
 * version first seen); marking back to what the server has removes it. */
export function queueMark(
  accountId: string,
  mark: { roundId: string; questionId: string; text: string; status: MarkStatus },
  entry: RoundQuestion | undefined,
) {
  const stored = readMarks(accountId);
  const before = stored.pending.find((p) => same(p, mark));
  const base = before ?? { baseEtag: entry?.etag ?? null, baseStatus: entry?.status ?? "planned" };
  const others = stored.pending.filter((p) => !same(p, mark));
  const pending =
    mark.status === base.baseStatus
      ? others
      : [...others, { ...mark, baseEtag: base.baseEtag, baseStatus: base.baseStatus }];
  write(accountId, { ...stored, pending });
}

/** Settle a conflict: send the user's mark over what is saved now, or keep what is saved. */
export function settleConflict(accountId: string, conflict: MarkConflict, keepMine: boolean) {
  const stored = readMarks(accountId);
  const conflicts = stored.conflicts.filter((c) => !same(c, conflict));
  const pending =
    keepMine && conflict.status !== conflict.theirs
      ? [
          ...stored.pending.filter((p) => !same(p, conflict)),
          {
            roundId: conflict.roundId,
            questionId: conflict.questionId,
            text: conflict.text,
            status: conflict.status,
            baseEtag: conflict.theirEtag,
            baseStatus: conflict.theirs,
          },
        ]
      : stored.pending;
  write(accountId, { pending, conflicts });
}

function takeOut(accountId: string, mark: PendingMark, conflict?: MarkConflict) {
  const stored = readMarks(accountId);
  // The user may have marked the question again while it was on its way: that newer mark stays.
  const now = stored.pending.find((p) => same(p, mark));
  const changedSince = now && now.status !== mark.status;
  write(accountId, {
    pending: changedSince ? stored.pending : stored.pending.filter((p) => !same(p, mark)),
    conflicts: conflict ? [...stored.conflicts.filter((c) => !same(c, conflict)), conflict] : stored.conflicts,
  });
}

/** How a sending went: all the queue went (or became conflicts), it stopped for want of a
 * connection (the rest stays queued), or another sending of the round was already on its way. */
export type SendResult = "done" | "stopped" | "busy";

/** Send the round's queued marks, one after the other. Stops quietly at the first network error
 * (they stay queued); a 412 or a refusal becomes a conflict. */
export async function sendMarks(qc: QueryClient, accountId: string, roundId: string): Promise<SendResult> {
  if (flushing.has(roundId)) return "busy";
  const queued = readMarks(accountId).pending.filter((p) => p.roundId === roundId);
  if (queued.length === 0) return "done";
  flushing.add(roundId);
  let sent = 0;
  try {
    // What the server holds now: a question that had no entry when marked may have one since.
    // Read past the service worker (it answers interview mode's reads from its copy when the
    // network fails, and a stale copy here would hide a change made elsewhere): no Referer, so it
    // leaves this request to the network, and without one the sending stops.
    const fresh = await listAll((page) =>
      api.GET("/api/v1/rounds/{round_id}/questions", {
        params: { path: { round_id: roundId }, query: page },
        referrerPolicy: "no-referrer",
        cache: "no-store",
      }),
    );
    qc.setQueryData(keys.roundQuestions(roundId), fresh);
    for (const mark of queued) {
      const current = fresh.find((e) => e.question_id === mark.questionId);
      const conflict = (problem: string | null, now = current): MarkConflict => ({
        ...mark,
        theirs: now?.status ?? "planned",
        theirEtag: now?.etag ?? null,
        problem,
      });
      if (current?.status === mark.status) {
        takeOut(accountId, mark); // already so on the server
        continue;
      }
      // Only the status matters here: a pin or a note changed elsewhere is no reason to ask.
      const unchanged = current !== undefined && current.status === mark.baseStatus;
      if (mark.baseEtag === null && current && !unchanged) {
        takeOut(accountId, mark, conflict(null)); // created and marked elsewhere meanwhile
        continue;
      }
      // Otherwise the server judges: the version the mark was made on, sent as If-Match.
      const version = unchanged ? current.etag : mark.baseEtag;
      try {
        const entry = await unwrap(
          api.PATCH("/api/v1/rounds/{round_id}/questions/{question_id}", {
            params: { path: { round_id: roundId, question_id: mark.questionId }, header: version ? { "if-match": version } : {} },
            body: { status: mark.status },
          }),
        );
        sent += 1;
        takeOut(accountId, mark);
        qc.setQueryData<RoundQuestion[]>(keys.roundQuestions(roundId), (list = []) =>
          list.some((e) => e.question_id === entry.question_id)
            ? list.map((e) => (e.question_id === entry.question_id ? entry : e))
            : [...list, entry],
        );
      } catch (error) {
        if (!(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500) return "stopped";
        if (error.status === 401) throw error;
        takeOut(accountId, mark, conflict(error.status === 412 ? null : messageOf(error)));
      }
    }
    return "done";
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) qc.setQueryData(keys.me, null);
    return "stopped";
  } finally {
    flushing.delete(roundId);
    if (sent > 0) {
      qc.invalidateQueries({ queryKey: keys.plan(roundId) });
      qc.invalidateQueries({ queryKey: keys.prepSheet(roundId) });
      qc.invalidateQueries({ queryKey: keys.readiness(roundId) });
    }
    // A conflict's "theirs" came from the list read above: fetch it again so the screen shows it.
    qc.invalidateQueries({ queryKey: keys.roundQuestions(roundId) });
  }
}
