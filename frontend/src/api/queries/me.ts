import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

type Me = Schemas["MeRead"];

/** The signed-in account, or null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: async (): Promise<Schemas["MeRead"] | null> => {
      try {
        return await unwrap(api.GET("/api/v1/me"));
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) return null;
        throw e;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["MeUpdate"]) =>
      unwrap(api.PATCH("/api/v1/me", { body, params: { header: ifMatch(qc.getQueryData<Me>(keys.me) ?? undefined) } }), [keys.me]),
    // The account is kept without what the change revoked: that belongs to the form that made it.
    onSuccess: ({ revoked: _revoked, ...me }) => qc.setQueryData(keys.me, me),
  });
}

export function useIssueCalendarToken() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/me/calendar-token")),
  });
}
