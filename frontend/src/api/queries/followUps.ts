import { useQuery } from "@tanstack/react-query";
import { listAll, api, type Schemas } from "../client";
import { keys } from "./keys";

export type FollowUp = Schemas["FollowUpRead"];

export function useFollowUps(when: Schemas["FollowUpWhen"]) {
  return useQuery({
    queryKey: keys.followUps(when),
    queryFn: () =>
      listAll((page) => api.GET("/api/v1/follow-ups", { params: { query: { when, ...page } } })),
  });
}
