// Webhooks: made (the signing secret is in that one response), listed, paused and resumed, deleted,
// a test event sent, and each endpoint's delivery log (the latest 50 attempts, newest first).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, listAll, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type Webhook = Schemas["WebhookRead"];
export type WebhookAttempt = Schemas["WebhookAttemptRead"];

export function useWebhooks() {
  return useQuery({
    queryKey: keys.webhooks,
    queryFn: () => listAll((page) => api.GET("/api/v1/webhooks", { params: { query: page } })),
  });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["WebhookCreate"]) => unwrap(api.POST("/api/v1/webhooks", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useSetWebhookActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ hook, active }: { hook: Webhook; active: boolean }) =>
      unwrap(
        api.PATCH("/api/v1/webhooks/{webhook_id}", {
          params: { path: { webhook_id: hook.id }, header: ifMatch(hook) },
          body: { active },
        }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (hook: Webhook) =>
      unwrap(
        api.DELETE("/api/v1/webhooks/{webhook_id}", { params: { path: { webhook_id: hook.id }, header: ifMatch(hook) } }),
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useSendTestEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (hook: Webhook) =>
      unwrap(api.POST("/api/v1/webhooks/{webhook_id}/test", { params: { path: { webhook_id: hook.id } } })),
    onSuccess: (_sent, hook) => qc.invalidateQueries({ queryKey: keys.webhookDeliveries(hook.id) }),
  });
}

export function useWebhookDeliveries(id: string, open: boolean) {
  return useQuery({
    queryKey: keys.webhookDeliveries(id),
    enabled: open,
    // The worker posts within seconds: while the log is open it follows along.
    refetchInterval: open ? 5000 : false,
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/api/v1/webhooks/{webhook_id}/deliveries", {
            params: { path: { webhook_id: id }, query: { limit: 50 } },
          }),
        )
      ).items,
  });
}
