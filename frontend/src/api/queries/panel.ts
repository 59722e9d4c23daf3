// The people met in a round (interviewers) and the per-round question entries.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Interviewer = Schemas["InterviewerRead"];
export type RoundQuestion = Schemas["RoundQuestionRead"];

export function useInterviewers(roundId: string) {
  return useQuery({
    queryKey: keys.interviewers(roundId),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api.GET("/api/v1/rounds/{round_id}/interviewers", {
            params: { path: { round_id: roundId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}

function invalidatePanel(qc: ReturnType<typeof useQueryClient>, roundId: string) {
  qc.invalidateQueries({ queryKey: keys.interviewers(roundId) });
  qc.invalidateQueries({ queryKey: keys.plan(roundId) });
  qc.invalidateQueries({ queryKey: keys.prepSheet(roundId) });
}

export function useCreateInterviewer(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["InterviewerCreate"]) =>
      unwrap(api.POST("/api/v1/rounds/{round_id}/interviewers", { params: { path: { round_id: roundId } }, body })),
    onSuccess: () => invalidatePanel(qc, roundId),
  });
}

export function useUpdateInterviewer(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["InterviewerUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/interviewers/{interviewer_id}", {
          params: { path: { interviewer_id: id }, header: ifMatch(`/api/v1/interviewers/${id}`) },
          body,
        }),
      ),
    onSuccess: () => invalidatePanel(qc, roundId),
  });
}

/** Give the panel a new meeting order in one call (PUT .../interviewers/order, one transaction).
 * No If-Match: a panel that gained or lost someone since it was read is refused (422) anyway,
 * and the order's ETag would go stale with every person added (docs/decisions.md, "Run sheet"). */
export function useReorderPanel(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ordered: Interviewer[]) =>
      unwrap(
        api.PUT("/api/v1/rounds/{round_id}/interviewers/order", {
          params: { path: { round_id: roundId } },
          body: { interviewer_ids: ordered.map((p) => p.id) },
        }),
      ),
    onMutate: async (ordered) => {
      await qc.cancelQueries({ queryKey: keys.interviewers(roundId) });
      qc.setQueryData(
        keys.interviewers(roundId),
        ordered.map((p, i) => ({ ...p, order: i })),
      );
    },
    onSettled: () => invalidatePanel(qc, roundId),
  });
}

export function useDeleteInterviewer(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE("/api/v1/interviewers/{interviewer_id}", {
          params: { path: { interviewer_id: id }, header: ifMatch(`/api/v1/interviewers/${id}`) },
        }),
      ),
    onSuccess: () => invalidatePanel(qc, roundId),
  });
}

export function useRoundQuestions(roundId: string) {
  return useQuery({
    queryKey: keys.roundQuestions(roundId),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api.GET("/api/v1/rounds/{round_id}/questions", {
            params: { path: { round_id: roundId }, query: { limit: 200, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}

type EntryChange = Schemas["RoundQuestionPatch"];

/** Change a round's entry for one question: PATCH sends only what changes (and creates the entry). */
export function useSetRoundQuestion(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ questionId, change }: { questionId: string; change: EntryChange }) =>
      unwrap(
        api.PATCH("/api/v1/rounds/{round_id}/questions/{question_id}", {
          params: { path: { round_id: roundId, question_id: questionId } },
          body: change,
        }),
      ),
    onSuccess: (entry) => {
      qc.setQueryData<RoundQuestion[]>(keys.roundQuestions(roundId), (list) => {
        if (!list) return [entry];
        return list.some((e) => e.question_id === entry.question_id)
          ? list.map((e) => (e.question_id === entry.question_id ? entry : e))
          : [...list, entry];
      });
      qc.invalidateQueries({ queryKey: keys.plan(roundId) });
      qc.invalidateQueries({ queryKey: keys.prepSheet(roundId) });
    },
  });
}
