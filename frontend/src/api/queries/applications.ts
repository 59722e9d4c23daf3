import { useIsMutating, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { replaceIn } from "./cache";
import { keys } from "./keys";

export type Application = Schemas["ApplicationRead"];
export type ApplicationStatus = Schemas["ApplicationStatus"];

/** Where an application is held: its own read and the board's list. */
const holders = (id: string) => [keys.application(id), keys.applications];

/** How many writes to one application are on their way (the board waits for a move to land). */
export function useApplicationWrites(id: string) {
  return useIsMutating({ predicate: (m) => (m.state.variables as { app?: Application } | undefined)?.app?.id === id });
}

export function useApplications() {
  return useQuery({
    queryKey: keys.applications,
    queryFn: () =>
      listAll((page) => api.GET("/api/v1/applications", { params: { query: page } })),
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
    mutationFn: ({ app, body }: { app: Application; body: Schemas["ApplicationUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/applications/{application_id}", {
          params: { path: { application_id: app.id }, header: ifMatch(app) },
          body,
        }),
        holders(app.id),
      ),
    // Optimistic for the board: the card moves at once and comes back if the server says no.
    onMutate: async ({ app: { id }, body }) => {
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
      replaceIn(qc, keys.applications, updated);
    },
  });
}

export function useDeleteApplication() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (app: Application) =>
      unwrap(
        api.DELETE("/api/v1/applications/{application_id}", {
          params: { path: { application_id: app.id }, header: ifMatch(app) },
        }),
        holders(app.id),
      ),
    onSuccess: (_d, { id }) => {
      qc.setQueryData<Application[]>(keys.applications, (list) => list?.filter((a) => a.id !== id));
      qc.removeQueries({ queryKey: keys.application(id) });
    },
  });
}

export type PostingPreview = Schemas["JobPostingPreview"];
/** What the import endpoints take: a JobPosting as JSON-LD, or a saved page as `{ html }`. */
export type PostingBody = Schemas["JobPostingDocument"];

/** What would be saved from a pasted posting; nothing is written. */
export function usePreviewPosting() {
  return useMutation({
    mutationFn: (body: PostingBody) => unwrap(api.POST("/api/v1/applications/import/preview", { body })),
  });
}

/** Save a pasted posting: the new application (created) or the one you already had for its URL. */
export function useImportPosting() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: PostingBody) => {
      let status = 0;
      const app = await unwrap(
        api.POST("/api/v1/applications/import", { body }).then((result) => {
          status = result.response.status;
          return result;
        }),
      );
      return { app, created: status === 201 };
    },
    onSuccess: ({ app, created }) => {
      qc.setQueryData(keys.application(app.id), app);
      if (created) qc.setQueryData<Application[]>(keys.applications, (list) => (list ? [...list, app] : list));
      qc.invalidateQueries({ queryKey: keys.applications, exact: true });
    },
  });
}
