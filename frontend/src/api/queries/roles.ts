// The interviewer roles: what each cares about, which the plan follows.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { latest, replaceIn } from "./cache";
import { keys } from "./keys";

export type Role = Schemas["RoleRead"];

export function useRoles() {
  return useQuery({
    queryKey: keys.roles,
    queryFn: () =>
      listAll((page) => api.GET("/api/v1/roles", { params: { query: page } })),
    staleTime: 60_000,
  });
}

export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["RoleCreate"]) => unwrap(api.POST("/api/v1/roles", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.roles }),
  });
}

export function useUpdateRole() {
  const qc = useQueryClient();
  return useMutation({
    scope: { id: "roles" },
    mutationFn: ({ role, body }: { role: Role; body: Schemas["RoleUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/roles/{role_id}", {
          params: { path: { role_id: role.id }, header: ifMatch(latest(qc, keys.roles, role)) },
          body,
        }),
        [keys.roles],
      ),
    onSuccess: (role) => {
      replaceIn(qc, keys.roles, role);
      qc.invalidateQueries({ queryKey: keys.allRounds });
    },
  });
}
