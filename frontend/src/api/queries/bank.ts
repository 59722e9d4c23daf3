// The question bank and the interviewer roles.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages, api, ifMatch, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Question = Schemas["QuestionRead"];
export type Role = Schemas["RoleRead"];

export function useQuestions() {
  return useQuery({
    queryKey: keys.questions,
    queryFn: async () => {
      const page = (archived: boolean) =>
        allPages((cursor) =>
          unwrap(api.GET("/api/v1/questions", { params: { query: { limit: 200, archived, ...(cursor ? { cursor } : {}) } } })),
        );
      const [active, archived] = await Promise.all([page(false), page(true)]);
      return [...active, ...archived];
    },
  });
}

function afterBankChange(qc: ReturnType<typeof useQueryClient>) {
  qc.invalidateQueries({ queryKey: keys.questions });
  // Every plan may change.
  qc.invalidateQueries({ queryKey: ["rounds"] });
}

export function useCreateQuestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["QuestionCreate"]) => unwrap(api.POST("/api/v1/questions", { body })),
    onSuccess: () => afterBankChange(qc),
  });
}

export function useUpdateQuestion() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Schemas["QuestionUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/questions/{question_id}", {
          params: { path: { question_id: id }, header: ifMatch(`/api/v1/questions/${id}`) },
          body,
        }),
      ),
    onSuccess: (q) => {
      qc.setQueryData<Question[]>(keys.questions, (list) => list?.map((x) => (x.id === q.id ? q : x)));
      afterBankChange(qc);
    },
  });
}

export function useRoles() {
  return useQuery({
    queryKey: keys.roles,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api.GET("/api/v1/roles", { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } } })),
      ),
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
    mutationFn: ({ id, body }: { id: string; body: Schemas["RoleUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/roles/{role_id}", {
          params: { path: { role_id: id }, header: ifMatch(`/api/v1/roles/${id}`) },
          body,
        }),
      ),
    onSuccess: (role) => {
      qc.setQueryData<Role[]>(keys.roles, (list) => list?.map((r) => (r.id === role.id ? role : r)));
      qc.invalidateQueries({ queryKey: ["rounds"] });
    },
  });
}
