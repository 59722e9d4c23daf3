// Questions written for one application (the bank, for every application, is in bank.ts).
import { useQuery } from "@tanstack/react-query";
import { listAll, api } from "../client";
import type { Question } from "./bank";
import { keys } from "./keys";

// Nested under keys.questions: every change to a question (bank.ts invalidates that key) refreshes it.
export const applicationQuestionsKey = (applicationId: string) => [...keys.questions, "application", applicationId] as const;

/** `enabled: false` holds the request back (the round screen asks once its plan is in, so its first
 * load stays within the six requests one account may have in progress). */
export function useApplicationQuestions(applicationId: string, enabled = true) {
  return useQuery({
    queryKey: applicationQuestionsKey(applicationId),
    enabled,
    queryFn: (): Promise<Question[]> =>
      listAll((page) => api.GET("/api/v1/questions", { params: { query: { application_id: applicationId, ...page } } })),
  });
}
