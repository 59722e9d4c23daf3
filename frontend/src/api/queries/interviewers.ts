// The people met in a round (interviewers), in meeting order.
import { useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { replaceIn } from "./cache";
import { keys } from "./keys";

export type Interviewer = Schemas["InterviewerRead"];

function interviewersQuery(roundId: string) {
  return {
    queryKey: keys.interviewers(roundId),
    queryFn: () =>
      listAll((page) => api.GET("/api/v1/rounds/{round_id}/interviewers", { params: { path: { round_id: roundId }, query: page } })),
  };
}

export function useInterviewers(roundId: string) {
  return useQuery(interviewersQuery(roundId));
}

/** Everyone met (or to meet) in these rounds, once each: a person on two panels is one contact,
 * named as on their latest round. Asked only when `enabled` (a form that offers them is open). */
export function usePeopleOfRounds(roundIds: string[], enabled: boolean): Interviewer[] {
  const panels = useQueries({ queries: roundIds.map((id) => ({ ...interviewersQuery(id), enabled })) });
  const byPerson = new Map<string, Interviewer>();
  for (const panel of panels) for (const person of panel.data ?? []) byPerson.set(person.contact_id ?? person.id, person);
  return [...byPerson.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** After a change to the panel: its list (each person's new version), the plan and the prep sheet.
 * The promise settles once they are read again, so a write that waits for it leaves fresh versions. */
function invalidatePanel(qc: ReturnType<typeof useQueryClient>, roundId: string) {
  return Promise.all([
    qc.invalidateQueries({ queryKey: keys.interviewers(roundId) }),
    qc.invalidateQueries({ queryKey: keys.plan(roundId) }),
    qc.invalidateQueries({ queryKey: keys.prepSheet(roundId) }),
  ]);
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
    mutationFn: ({ person, body }: { person: Interviewer; body: Schemas["InterviewerUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/interviewers/{interviewer_id}", {
          params: { path: { interviewer_id: person.id }, header: ifMatch(person) },
          body,
        }),
        [keys.interviewers(roundId)],
      ),
    onSuccess: (updated) => {
      replaceIn(qc, keys.interviewers(roundId), updated);
      return invalidatePanel(qc, roundId);
    },
  });
}

/** Give the panel a new meeting order in one call (PUT .../interviewers/order, one transaction).
 * No If-Match: a panel that gained or lost someone since it was read is refused (422) anyway,
 * and the order's ETag would go stale with every person added (docs/decisions.md, "Run sheet").
 * Each person's version changes with the order: the write ends once the panel is read again. */
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
    mutationFn: (person: Interviewer) =>
      unwrap(
        api.DELETE("/api/v1/interviewers/{interviewer_id}", {
          params: { path: { interviewer_id: person.id }, header: ifMatch(person) },
        }),
        [keys.interviewers(roundId)],
      ),
    onSuccess: () => invalidatePanel(qc, roundId),
  });
}
