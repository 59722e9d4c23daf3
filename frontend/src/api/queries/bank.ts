// The question bank and the interviewer roles.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { listAll, api, ifMatch, unwrap, type Schemas } from "../client";
import { latest, replaceIn } from "./cache";
import { keys } from "./keys";

export type Question = Schemas["QuestionRead"];
export type Role = Schemas["RoleRead"];


export function useQuestions() {
  return useQuery({
    queryKey: keys.questions,
    queryFn: async () => {
      const all = (archived: boolean) => listAll((page) => api.GET("/api/v1/questions", { params: { query: { archived, ...page } } }));
      const [active, archived] = await Promise.all([all(false), all(true)]);
      return [...active, ...archived];
    },
  });
}

/** One question as it is now: what the round screen edits a prepared answer from. */
export function useQuestion(id: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.question(id),
    enabled,
    queryFn: () => unwrap(api.GET("/api/v1/questions/{question_id}", { params: { path: { question_id: id } } })),
  });
}

function afterBankChange(qc: ReturnType<typeof useQueryClient>) {
  qc.invalidateQueries({ queryKey: keys.questions });
  // Every plan may change.
  qc.invalidateQueries({ queryKey: keys.allRounds });
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
    mutationFn: ({ question, body }: { question: Question; body: Schemas["QuestionUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/questions/{question_id}", {
          params: { path: { question_id: question.id }, header: ifMatch(question) },
          body,
        }),
        [keys.questions],
      ),
    onSuccess: (q) => {
      replaceIn(qc, keys.questions, q);
      qc.setQueryData(keys.question(q.id), q);
      afterBankChange(qc);
    },
  });
}

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
