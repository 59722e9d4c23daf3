// Debriefs after a round (one per person, append-only on the server) and thank-you notes.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Debrief = Schemas["DebriefRead"];
export type DebriefPut = Schemas["DebriefPut"];
export type ThankYouNotes = Schemas["ThankYouNotesRead"];
export type ThankYouNote = Schemas["ThankYouNoteRead"];

/** The person's debrief; null before the first one (the API's 404). */
export function useDebrief(roundId: string, interviewerId: string) {
  return useQuery({
    queryKey: keys.debrief(roundId, interviewerId),
    queryFn: async () => {
      try {
        return await unwrap(
          api.GET("/api/v1/interviewers/{interviewer_id}/debrief", { params: { path: { interviewer_id: interviewerId } } }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** Save a new version of the debrief; the round (its decision date), the plans and the notes follow. */
export function useSaveDebrief(roundId: string, interviewerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, current }: { body: DebriefPut; current: Debrief | null }) =>
      unwrap(
        api.PUT("/api/v1/interviewers/{interviewer_id}/debrief", {
          params: { path: { interviewer_id: interviewerId }, header: ifMatch(current ?? undefined) },
          body,
        }),
        [keys.debrief(roundId, interviewerId)],
      ),
    onSuccess: (saved) => {
      qc.setQueryData(keys.debrief(roundId, interviewerId), saved);
      return Promise.all([
        qc.invalidateQueries({ queryKey: keys.round(roundId), exact: true }),
        qc.invalidateQueries({ queryKey: keys.thankYouNotes(roundId) }),
        // Later rounds of the application carry it as "Last time".
        qc.invalidateQueries({ queryKey: keys.allRounds, predicate: (q) => q.queryKey[2] === "plan" }),
      ]);
    },
  });
}

/** A topic they raised as a question of the application, for people with their role. */
export function useAskNextRound(interviewerId: string, applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST("/api/v1/interviewers/{interviewer_id}/debrief/questions", {
          params: { path: { interviewer_id: interviewerId } },
          body: { text },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.applicationQuestions(applicationId) }),
        qc.invalidateQueries({ queryKey: keys.questions }),
        qc.invalidateQueries({ queryKey: keys.allRounds, predicate: (q) => q.queryKey[2] === "plan" }),
      ]),
  });
}

/** "What they cared about" as a question to ask: kept when it is one already. */
export function asQuestion(topic: string): string {
  const text = topic.trim().replace(/[.!]+$/, "");
  if (text.endsWith("?")) return text;
  return `Could you tell me more about ${text.charAt(0).toLowerCase()}${text.slice(1)}?`;
}

export function useThankYouNotes(roundId: string) {
  return useQuery({
    queryKey: keys.thankYouNotes(roundId),
    staleTime: 0,
    queryFn: () =>
      unwrap(api.GET("/api/v1/rounds/{round_id}/thank-you-notes", { params: { path: { round_id: roundId } } })),
  });
}

export function useMarkSent(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ interviewerId, subject, body }: { interviewerId: string; subject: string; body: string }) =>
      unwrap(
        api.POST("/api/v1/rounds/{round_id}/thank-you-notes/{interviewer_id}/sent", {
          params: { path: { round_id: roundId, interviewer_id: interviewerId } },
          body: { subject, body },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.thankYouNotes(roundId) }),
  });
}

/** A mailto: URL (RFC 6068) for the note as edited: everything percent-encoded, CRLF line breaks. */
export function mailtoOf(email: string | null | undefined, subject: string, body: string): string {
  const to = email ? encodeURIComponent(email).replace(/%40/g, "@") : "";
  const crlf = body.replace(/\r?\n/g, "\r\n");
  return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf)}`;
}
