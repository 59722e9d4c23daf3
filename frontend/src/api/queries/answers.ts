// Prepared answers written for one application: they win over the question's own in its plans.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type ApplicationAnswer = Schemas["ApplicationAnswerRead"];

/** The application's own answers; asked only when an answer is being edited (`enabled`). */
export function useApplicationAnswers(applicationId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.applicationAnswers(applicationId),
    enabled,
    queryFn: () =>
      listAll((page) =>
        api.GET("/api/v1/applications/{application_id}/answers", {
          params: { path: { application_id: applicationId }, query: page },
        }),
      ),
  });
}

/** Write the answer for this application only, with the version of the copy shown (If-Match). */
export function usePutApplicationAnswer(applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ questionId, answer, current }: { questionId: string; answer: string; current?: ApplicationAnswer }) =>
      unwrap(
        api.PUT("/api/v1/applications/{application_id}/answers/{question_id}", {
          params: { path: { application_id: applicationId, question_id: questionId }, header: ifMatch(current) },
          body: { answer },
        }),
        [keys.applicationAnswers(applicationId)],
      ),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keys.applicationAnswers(applicationId) });
      // This application's plans change (its rounds' plans, readiness and prep sheets).
      qc.invalidateQueries({ queryKey: keys.allRounds });
      qc.invalidateQueries({ queryKey: ["readiness"] });
    },
  });
}
