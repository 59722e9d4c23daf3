import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Round = Schemas["RoundRead"];
/** Where a round is held: its own read (and what hangs under it), its application's list, follow-ups. */
const holders = (round: Round) => [keys.round(round.id), keys.rounds(round.application_id), keys.allFollowUps];

/** An application's rounds, whole: for useRounds and for screens that read several applications'. */
export function roundsQuery(applicationId: string) {
  return {
    queryKey: keys.rounds(applicationId),
    queryFn: () =>
      listAll((page) => api.GET("/api/v1/applications/{application_id}/rounds", { params: { path: { application_id: applicationId }, query: page } })),
  };
}

export function useRounds(applicationId: string) {
  return useQuery(roundsQuery(applicationId));
}

export function useRound(id: string) {
  return useQuery({
    queryKey: keys.round(id),
    queryFn: () => unwrap(api.GET("/api/v1/rounds/{round_id}", { params: { path: { round_id: id } } })),
  });
}

export function useCreateRound(applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["RoundCreate"]) =>
      unwrap(
        api.POST("/api/v1/applications/{application_id}/rounds", {
          params: { path: { application_id: applicationId } },
          body,
        }),
      ),
    onSuccess: (round) => {
      qc.setQueryData(keys.round(round.id), round);
      qc.invalidateQueries({ queryKey: keys.rounds(applicationId) });
      // Creating a round may move the application to "interviewing".
      qc.invalidateQueries({ queryKey: keys.application(applicationId), exact: true });
      qc.invalidateQueries({ queryKey: keys.applications, exact: true });
    },
  });
}

function afterRoundChange(qc: ReturnType<typeof useQueryClient>, round: Round) {
  qc.setQueryData(keys.round(round.id), round);
  qc.invalidateQueries({ queryKey: keys.rounds(round.application_id) });
  qc.invalidateQueries({ queryKey: keys.application(round.application_id), exact: true });
  qc.invalidateQueries({ queryKey: keys.applications, exact: true });
  qc.invalidateQueries({ queryKey: keys.allFollowUps });
  // The run sheet in the plan starts at scheduled_at and is measured against duration_minutes.
  qc.invalidateQueries({ queryKey: keys.plan(round.id) });
  qc.invalidateQueries({ queryKey: keys.prepSheet(round.id) });
}

export function useUpdateRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ round, body }: { round: Round; body: Schemas["RoundUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/rounds/{round_id}", { params: { path: { round_id: round.id }, header: ifMatch(round) }, body }),
        holders(round),
      ),
    onSuccess: (round) => afterRoundChange(qc, round),
  });
}

export function useDeleteRound() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (round: Round) =>
      unwrap(
        api.DELETE("/api/v1/rounds/{round_id}", {
          params: { path: { round_id: round.id }, header: ifMatch(round) },
        }),
        holders(round),
      ),
    onSuccess: (_d, round) => {
      qc.removeQueries({ queryKey: keys.round(round.id) });
      qc.invalidateQueries({ queryKey: keys.rounds(round.application_id) });
    },
  });
}

export function useRecordFollowUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      round,
      note,
      occurredAt,
      nextOn,
    }: {
      round: { id: string; etag: string };
      note?: string | null;
      occurredAt?: string | null;
      nextOn?: string | null;
    }) =>
      unwrap(
        api.POST("/api/v1/rounds/{round_id}/follow-up", {
          params: { path: { round_id: round.id }, header: ifMatch(round) },
          body: { note: note ?? null, occurred_at: occurredAt || null, next_follow_up_on: nextOn || null },
        }),
        [keys.round(round.id), keys.allFollowUps],
      ),
    onSuccess: (round) => {
      afterRoundChange(qc, round);
      // The call is an entry of the application's log, and the script mentions the last call.
      qc.invalidateQueries({ queryKey: keys.activity(round.application_id) });
      qc.invalidateQueries({ queryKey: keys.callScript(round.id) });
    },
  });
}

/** The people you will meet next join the next round's panel (the round is made when there is none). */
export function useAddNextPanel(round: Round) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["NextPanelCreate"]) =>
      unwrap(api.POST("/api/v1/rounds/{round_id}/next-panel", { params: { path: { round_id: round.id } }, body })),
    onSuccess: (result) => {
      qc.setQueryData(keys.round(result.round.id), result.round);
      qc.invalidateQueries({ queryKey: keys.rounds(round.application_id) });
      qc.invalidateQueries({ queryKey: keys.interviewers(result.round.id) });
      // This round's plan no longer asks who comes next; the new round's plan has its people.
      qc.invalidateQueries({ queryKey: keys.plan(round.id) });
      qc.invalidateQueries({ queryKey: keys.plan(result.round.id) });
      qc.invalidateQueries({ queryKey: keys.application(round.application_id), exact: true });
      qc.invalidateQueries({ queryKey: keys.applications, exact: true });
      qc.invalidateQueries({ queryKey: keys.upcomingReadiness });
    },
  });
}

export type RoundImport = Schemas["RoundImportRead"];

/** An .ics invitation (a file's text) made into a round with its panel, or the round an earlier
 * import of the same invitation made brought up to date. */
export function useImportInvitation(applicationId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ics: string) =>
      unwrap(
        api.POST("/api/v1/applications/{application_id}/rounds/import", {
          params: { path: { application_id: applicationId } },
          // The operation reads JSON or text/calendar; openapi-fetch types the body as its first media
          // type (JSON), so the text goes through as is, with its own Content-Type.
          body: ics as unknown as Schemas["GreenhouseScheduledInterview"],
          bodySerializer: (body) => body as unknown as string,
          headers: { "Content-Type": "text/calendar" },
        }),
      ),
    onSuccess: (result) => {
      qc.setQueryData(keys.round(result.round.id), result.round);
      qc.invalidateQueries({ queryKey: keys.rounds(applicationId) });
      qc.invalidateQueries({ queryKey: keys.interviewers(result.round.id) });
      qc.invalidateQueries({ queryKey: keys.plan(result.round.id) });
      qc.invalidateQueries({ queryKey: keys.application(applicationId), exact: true });
      qc.invalidateQueries({ queryKey: keys.applications, exact: true });
    },
  });
}
