import { useQuery } from "@tanstack/react-query";
import { allPages, api, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type FollowUp = Schemas["FollowUpRead"];

export function useFollowUps(when: Schemas["FollowUpWhen"]) {
  return useQuery({
    queryKey: keys.followUps(when),
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET("/api/v1/follow-ups", { params: { query: { when, limit: 200, ...(cursor ? { cursor } : {}) } } })),
      ),
  });
}
