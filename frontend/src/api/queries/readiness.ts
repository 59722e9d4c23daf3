// How ready the user is for a round: a checklist the server derives from everything else.
import { useIsMutating, useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "preact/hooks";
import { listAll, api, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type RoundReadiness = Schemas["RoundReadinessRead"];
export type ReadinessItem = Schemas["ReadinessItemRead"];
export type ReadinessSummary = Schemas["ReadinessSummaryRead"];

/** Almost every change (the panel, a question, the application, the round) can move an item, so
 * the checklist is read again whenever the app's writes settle, instead of each write naming it. */
export function useReadiness(roundId: string) {
  const query = useQuery({
    queryKey: keys.readiness(roundId),
    staleTime: 0,
    queryFn: () => unwrap(api.GET("/api/v1/rounds/{round_id}/readiness", { params: { path: { round_id: roundId } } })),
  });
  const writing = useIsMutating();
  const wasWriting = useRef(false);
  const { refetch } = query;
  useEffect(() => {
    if (writing > 0) wasWriting.current = true;
    else if (wasWriting.current) {
      wasWriting.current = false;
      void refetch();
    }
  }, [writing, refetch]);
  return query;
}

/** Every upcoming round at a glance, in one request for the whole board (not one per card): each
 * application's next round, keyed by application. Read afresh whenever the board is shown. */
export function useUpcomingReadiness() {
  return useQuery({
    queryKey: keys.upcomingReadiness,
    staleTime: 0,
    queryFn: async () => {
      const items = await listAll((page) => api.GET("/api/v1/readiness", { params: { query: page } }));
      const next = new Map<string, ReadinessSummary>();
      for (const item of items) {
        const seen = next.get(item.application_id);
        if (!seen || item.sequence < seen.sequence) next.set(item.application_id, item);
      }
      return next;
    },
  });
}
