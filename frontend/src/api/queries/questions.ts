// Questions: the bank (for every application) and the ones written for one application.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { replaceIn } from "./cache";
import { keys } from "./keys";

export type Question = Schemas["QuestionRead"];

export function useQuestions() {
  return useQuery({
    queryKey: keys.questions,
    queryFn: async () => {
      const all = (archived: boolean) => listAll((page) => api.GET("/api/v1/questions", { params: { query: { archived, ...page } } }));
      const [active, archived] = await Promise.all([all(false), all(true)]);
      return [...active, ...archived];
    },
  });
}

/** One question as it is now: what the round screen edits a prepared answer from. */
export function useQuestion(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.question(id),
    enabled,
    queryFn: () => unwrap(api.GET("/api/v1/questions/{question_id}", { params: { path: { question_id: id } } })),
  });
}

function afterQuestionChange(qc: ReturnType<typeof useQueryClient>) {
  qc.invalidateQueries({ queryKey: keys.questions });
  // Every plan may change.
  qc.invalidateQueries({ queryKey: keys.allRounds });
}

export function useCreateQuestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["QuestionCreate"]) => unwrap(api.POST("/api/v1/questions", { body })),
    onSuccess: () => afterQuestionChange(qc),
  });
}

export function useUpdateQuestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ question, body }: { question: Question; body: Schemas["QuestionUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/questions/{question_id}", {
          params: { path: { question_id: question.id }, header: ifMatch(question) },
          body,
        }),
        [keys.questions],
      ),
    onSuccess: (q) => {
      replaceIn(qc, keys.questions, q);
      qc.setQueryData(keys.question(q.id), q);
      afterQuestionChange(qc);
    },
  });
}

/** `enabled: false` holds the request back (the round screen asks once its plan is in, so its first
 * load stays within the six requests one account may have in progress). */
export function useApplicationQuestions(applicationId: string, enabled = true) {
  return useQuery({
    queryKey: keys.applicationQuestions(applicationId),
    enabled,
    queryFn: (): Promise<Question[]> =>
      listAll((page) => api.GET("/api/v1/questions", { params: { query: { application_id: applicationId, ...page } } })),
  });
}
