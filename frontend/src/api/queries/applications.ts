import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Application = Schemas["ApplicationRead"];
const path = (id: string) => `/api/v1/applications/${id}`;

export function useApplications() {
  return useQuery({
    queryKey: keys.applications,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET("/api/v1/applications", { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } })),
      ),
  });
}

export function useApplication(id: string | undefined) {
  return useQuery({
    queryKey: keys.application(id ?? ""),
    enabled: !!id,
    queryFn: () => unwrap(api.GET("/api/v1/applications/{application_id}", { params: { path: { application_id: id! } } })),
  });
}

export function useCreateApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["ApplicationCreate"]) => unwrap(api.POST("/api/v1/applications", { body })),
    onSuccess: (created) => {
      qc.setQueryData<Application[]>(keys.applications, (list) => (list ? [...list, created] : list));
      qc.invalidateQueries({ queryKey: keys.applications, exact: true });
    },
  });
}

export function useUpdateApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["ApplicationUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/applications/{application_id}", {
          params: { path: { application_id: id }, header: ifMatch(path(id)) },
          body,
        }),
      ),
    // Optimistic for the board: the card moves at once and comes back if the server says no.
    onMutate: async ({ id, body }) => {
      await qc.cancelQueries({ queryKey: keys.applications, exact: true });
      const before = qc.getQueryData<Application[]>(keys.applications);
      qc.setQueryData<Application[]>(keys.applications, (list) =>
        list?.map((a) => (a.id === id ? ({ ...a, ...body } as Application) : a)),
      );
      return { before };
    },
    onError: (_e, _v, context) => {
      if (context?.before) qc.setQueryData(keys.applications, context.before);
    },
    onSuccess: (updated) => {
      qc.setQueryData(keys.application(updated.id), updated);
      qc.setQueryData<Application[]>(keys.applications, (list) => list?.map((a) => (a.id === updated.id ? updated : a)));
    },
  });
}

export function useDeleteApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE("/api/v1/applications/{application_id}", {
          params: { path: { application_id: id }, header: ifMatch(path(id)) },
        }),
      ),
    onSuccess: (_d, id) => {
      qc.setQueryData<Application[]>(keys.applications, (list) => list?.filter((a) => a.id !== id));
      qc.removeQueries({ queryKey: keys.application(id) });
    },
  });
}
