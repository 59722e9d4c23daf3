// Personal API keys: made (the whole key is in that one response), listed without secrets, revoked.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, listAll, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type ApiKey = Schemas["ApiKeyRead"];

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: () => listAll((page) => api.GET("/api/v1/api-keys", { params: { query: page } })),
  });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["ApiKeyCreate"]) => unwrap(api.POST("/api/v1/api-keys", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (key: ApiKey) =>
      unwrap(api.DELETE("/api/v1/api-keys/{api_key_id}", { params: { path: { api_key_id: key.id } } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}
