// A round's entry for each question: pinned, given to someone, asked at the end, asked or answered.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type RoundQuestion = Schemas["RoundQuestionRead"];

export function useRoundQuestions(roundId: string) {
  return useQuery({
    queryKey: keys.roundQuestions(roundId),
    queryFn: () =>
      listAll((page) => api.GET("/api/v1/rounds/{round_id}/questions", { params: { path: { round_id: roundId }, query: page } })),
  });
}

type EntryChange = Schemas["RoundQuestionPatch"];

/** Change a round's entry for one question: PATCH sends only what changes (and creates the entry),
 * with the version of the entry in the cache when it exists. Clicks on one round run one after the
 * other, so each sends the version the previous one left. */
export function useSetRoundQuestion(roundId: string) {
  const qc = useQueryClient();
  return useMutation({
    scope: { id: `round-questions-${roundId}` },
    mutationFn: ({ questionId, change }: { questionId: string; change: EntryChange }) => {
      const entry = qc.getQueryData<RoundQuestion[]>(keys.roundQuestions(roundId))?.find((e) => e.question_id === questionId);
      return unwrap(
        api.PATCH("/api/v1/rounds/{round_id}/questions/{question_id}", {
          params: { path: { round_id: roundId, question_id: questionId }, header: ifMatch(entry) },
          body: change,
        }),
        [keys.roundQuestions(roundId)],
      );
    },
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
