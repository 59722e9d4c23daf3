import { useQuery } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Plan = Schemas["RoundPlanRead"];

export function usePlan(roundId: string) {
  return useQuery({
    queryKey: keys.plan(roundId),
    queryFn: async () =>
      (await unwrap(api.GET("/api/v1/rounds/{round_id}/plan", { params: { path: { round_id: roundId } } }))) as Plan,
  });
}

/** The Markdown prep sheet, fetched only when the user asks for it. */
export function usePrepSheet(roundId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.prepSheet(roundId),
    enabled,
    queryFn: async () =>
      (await unwrap(
        api.GET("/api/v1/rounds/{round_id}/prep-sheet", {
          params: { path: { round_id: roundId } },
          parseAs: "text",
        }),
      )) as unknown as string,
  });
}
