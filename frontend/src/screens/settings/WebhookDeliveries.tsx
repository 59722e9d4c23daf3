import { useWebhookDeliveries, type Webhook, type WebhookAttempt } from "../../api/queries/webhooks";
import { FormError } from "../../components/Form";
import { formatDateTime } from "../../time";

function outcome(a: WebhookAttempt): string {
  if (a.status_code !== null && a.status_code !== undefined) return `${a.status_code}${a.succeeded ? " OK" : ""}`;
  return "No answer";
}

/** One endpoint's delivery log: the latest 50 attempts, newest first, refreshed while open. */
export function WebhookDeliveries({ hook, zone, open }: { hook: Webhook; zone: string; open: boolean }) {
  const log = useWebhookDeliveries(hook.id, open);
  if (!open) return null;
  if (log.isPending) return <p class="small muted">Loading the delivery log…</p>;
  if (log.error) return <FormError error={log.error} />;
  if (!log.data || log.data.length === 0) {
    return <p class="small muted">Nothing sent yet. Events are sent within seconds of a change.</p>;
  }
  return (
    <ul class="delivery-log" aria-label={`Deliveries to ${hook.url}`}>
      {log.data.map((a) => (
        <li key={a.id} class="delivery-log__item">
          <span class={`badge ${a.succeeded ? "badge--ok" : "badge--danger"}`}>{outcome(a)}</span>
          <span class="small">
            <code>{a.event_type}</code> · try {a.attempt} · {a.duration_ms} ms
            {a.error ? <span class="muted"> · {a.error}</span> : null}
          </span>
          <span class="small muted break-anywhere">
            {formatDateTime(a.attempted_at, zone)} · <code>{a.event_id}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}
