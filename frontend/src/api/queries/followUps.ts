import { useQuery } from "@tanstack/react-query";
import { listAll, api, type Schemas } from "../client";
import { keys } from "./keys";

export type FollowUp = Schemas["FollowUpRead"];
export type OfferFollowUp = Schemas["OfferFollowUpRead"];
type AnyFollowUp = FollowUp | OfferFollowUp;

export function isRoundFollowUp(f: AnyFollowUp): f is FollowUp {
  return "round" in f;
}

/** Open offers to respond to, from the same list. */
export function offerFollowUps(items: AnyFollowUp[] | undefined): OfferFollowUp[] {
  return (items ?? []).filter((f): f is OfferFollowUp => !isRoundFollowUp(f));
}

export function useFollowUps(when: Schemas["FollowUpWhen"]) {
  return useQuery({
    queryKey: keys.followUps(when),
    queryFn: () =>
      listAll((page) => api.GET("/api/v1/follow-ups", { params: { query: { when, ...page } } })),
  });
}
