import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type ActivityEntry = Schemas["ActivityRead"];

/** An application's log, newest first, as the server orders it. */
export function useActivity(applicationId: string) {
  return useQuery({
    queryKey: keys.activity(applicationId),
    queryFn: () =>
      listAll((page) =>
        api.GET("/api/v1/applications/{application_id}/activity", { params: { path: { application_id: applicationId }, query: page } }),
      ),
  });
}

/** Append an entry; a call about a round moves that round's follow-up, so follow-ups and the round refresh. */
export function useAddActivity(applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["ActivityCreate"]) =>
      unwrap(api.POST("/api/v1/applications/{application_id}/activity", { params: { path: { application_id: applicationId } }, body })),
    onSuccess: (entry) => {
      qc.invalidateQueries({ queryKey: keys.activity(applicationId) });
      if (entry.round_id) {
        qc.invalidateQueries({ queryKey: keys.round(entry.round_id), exact: true });
        qc.invalidateQueries({ queryKey: keys.callScript(entry.round_id) });
        qc.invalidateQueries({ queryKey: keys.rounds(applicationId) });
      }
      qc.invalidateQueries({ queryKey: keys.allFollowUps });
    },
  });
}

/** Correct an entry's text; the server keeps the earlier one in `revisions`. */
export function useEditActivity(applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ entry, text }: { entry: ActivityEntry; text: string }) =>
      unwrap(
        api.PATCH("/api/v1/activity/{activity_id}", { params: { path: { activity_id: entry.id }, header: ifMatch(entry) }, body: { text } }),
        [keys.activity(applicationId)],
      ),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keys.activity(applicationId) });
      qc.invalidateQueries({ queryKey: keys.allFollowUps });
    },
  });
}

/** Whom to call about a round, and what to say (built by the server from the round). */
export function useCallScript(roundId: string, enabled = true) {
  return useQuery({
    queryKey: keys.callScript(roundId),
    enabled,
    queryFn: () => unwrap(api.GET("/api/v1/rounds/{round_id}/call-script", { params: { path: { round_id: roundId } } })),
  });
}
