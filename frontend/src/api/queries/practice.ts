// Practice with spaced repetition: the queue of cards due, and a review of one.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type PracticeItem = Schemas["PracticeQueueItem"];

export function usePracticeQueue() {
  return useQuery({
    queryKey: keys.practiceQueue,
    queryFn: () => unwrap(api.GET("/api/v1/practice/queue", { params: { query: { limit: 50 } } })),
  });
}

export function useReview() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["PracticeReviewCreate"]) => unwrap(api.POST("/api/v1/practice/reviews", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.stats }),
  });
}

export function useRefreshQueue() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: keys.practiceQueue });
}
