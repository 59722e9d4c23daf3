// Offers: verbal then written, compared side by side, accepted or declined.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, listAll, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Offer = Schemas["OfferRead"];

export function useOffers() {
  return useQuery({
    queryKey: keys.offers,
    queryFn: () => listAll((page) => api.GET("/api/v1/offers", { params: { query: page } })),
  });
}

export function useOfferComparison(enabled: boolean) {
  return useQuery({ queryKey: keys.offerComparison, enabled, queryFn: () => unwrap(api.GET("/api/v1/offers/compare")) });
}

/** An offer changes the application's status and the follow-ups: refresh them all. */
function useRefresh() {
  const qc = useQueryClient();
  return () => {
    qc.invalidateQueries({ queryKey: keys.offers });
    qc.invalidateQueries({ queryKey: keys.applications });
    qc.invalidateQueries({ queryKey: keys.allFollowUps });
    qc.invalidateQueries({ queryKey: keys.stats });
  };
}

export function useCreateOffer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: Schemas["OfferCreate"]) => unwrap(api.POST("/api/v1/offers", { body })),
    onSuccess: refresh,
  });
}

export function useUpdateOffer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ offer, body }: { offer: Offer; body: Schemas["OfferUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/offers/{offer_id}", { params: { path: { offer_id: offer.id }, header: ifMatch(offer) }, body }),
        [keys.offers],
      ),
    onSuccess: refresh,
  });
}

export function useDecideOffer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ offer, accept, declineOthers }: { offer: Offer; accept: boolean; declineOthers?: boolean }) =>
      accept
        ? unwrap(
            api.POST("/api/v1/offers/{offer_id}/accept", {
              params: { path: { offer_id: offer.id }, header: ifMatch(offer) },
              body: { decline_others: declineOthers ?? false },
            }),
            [keys.offers],
          )
        : unwrap(
            api.POST("/api/v1/offers/{offer_id}/decline", { params: { path: { offer_id: offer.id }, header: ifMatch(offer) } }),
            [keys.offers],
          ),
    onSuccess: refresh,
  });
}
