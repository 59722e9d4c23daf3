import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import {
  useCreateWebhook,
  useDeleteWebhook,
  useSendTestEvent,
  useSetWebhookActive,
  useWebhooks,
  type Webhook,
} from "../../api/queries/webhooks";
import { limits } from "../../api/limits";
import { Field, FormError, FormFooter, useFormErrors } from "../../components/Form";
import { formatDateTime } from "../../time";
import { WebhookDeliveries } from "./WebhookDeliveries";

type EventType = NonNullable<Schemas["WebhookCreate"]["events"]>[number];

const EVENTS: { type: EventType; label: string }[] = [
  { type: "application.created", label: "Application added" },
  { type: "application.updated", label: "Application changed" },
  { type: "application.deleted", label: "Application deleted" },
  { type: "round.created", label: "Round added" },
  { type: "round.updated", label: "Round changed" },
  { type: "round.deleted", label: "Round deleted" },
  { type: "round.outcome_recorded", label: "Outcome recorded" },
  { type: "follow_up.due", label: "Follow-up due" },
  { type: "contact.created", label: "Contact added" },
  { type: "contact.updated", label: "Contact changed" },
  { type: "contact.deleted", label: "Contact deleted" },
  { type: "activity_entry.created", label: "Log entry added" },
  { type: "activity_entry.updated", label: "Log entry edited" },
  { type: "debrief.created", label: "Debrief written" },
  { type: "debrief.updated", label: "Debrief changed" },
  { type: "thank_you_note.sent", label: "Thank-you note sent" },
  { type: "offer.created", label: "Offer added" },
  { type: "offer.updated", label: "Offer changed" },
  { type: "offer.deleted", label: "Offer deleted" },
];

/** Webhooks: an endpoint gets your changes as signed events. Add one (the secret is shown once), pause,
 * resume, delete, send a test event and read each endpoint's delivery log. */
export function Webhooks({ me }: { me: Schemas["MeRead"] }) {
  const list = useWebhooks();
  const create = useCreateWebhook();
  const setActive = useSetWebhookActive();
  const remove = useDeleteWebhook();
  const test = useSendTestEvent();
  const errors = useFormErrors(["url", "events", "description"]);
  const [made, setMade] = useState<Schemas["WebhookCreated"] | null>(null);
  const [copied, setCopied] = useState(false);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const zone = me.time_zone;
  return (
    <section class="card stack" aria-labelledby="webhooks-title">
      <h2 id="webhooks-title" class="card__title">
        Webhooks
      </h2>
      <p class="small">
        For a job board or a script that wants to hear about your changes as they happen. Each event is posted as JSON
        and signed (Standard Webhooks) with the endpoint's secret. A failed delivery is retried for about three days; an
        endpoint that answers 410 Gone is paused. Addresses on private networks are refused.
      </p>
      {made && (
        <div class="stack" role="status">
          <div class="copy-field">
            <label class="visually-hidden" for="new-webhook-secret">
              Signing secret of the new webhook
            </label>
            <input id="new-webhook-secret" readOnly value={made.secret} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              class="btn btn--primary"
              onClick={async () => {
                await navigator.clipboard.writeText(made.secret);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy secret"}
            </button>
          </div>
          <p class="small muted">
            Shown once: copy the signing secret for {made.url} now and use it to check each event's signature.
          </p>
        </div>
      )}
      <form
        class="stack"
        onSubmit={errors.submit((_v, form) => {
          const data = new FormData(form);
          const chosen = EVENTS.map((e) => e.type).filter((t) => data.get(`event-${t}`));
          const description = String(data.get("description") ?? "").trim();
          setCopied(false);
          create.mutate(
            {
              url: String(data.get("url") ?? ""),
              events: chosen.length > 0 ? chosen : null,
              description: description || null,
            },
            {
              onSuccess: (hook) => {
                form.reset();
                setMade(hook);
              },
              onError: errors.show,
            },
          );
        })}
      >
        <Field label="Endpoint URL" name="url" id="webhook-url" error={errors.byField.url}>
          {(p) => (
            <input {...p} type="url" required placeholder="https://jobs.example.com/hooks" {...limits.WebhookCreate.url} />
          )}
        </Field>
        <Field label="Description (optional)" name="description" id="webhook-description" hint="What it is for, so you know which endpoint is which." error={errors.byField.description}>
          {(p) => <input {...p} placeholder="Job board sync" {...limits.WebhookCreate.description} />}
        </Field>
        <fieldset class="stack webhook-events">
          <legend>Events</legend>
          <p class="small muted">Tick none to get every event.</p>
          <div class="webhook-events__grid">
            {EVENTS.map((e) => (
              <label class="check" key={e.type}>
                <input type="checkbox" name={`event-${e.type}`} /> {e.label}
              </label>
            ))}
          </div>
          {errors.byField.events && <p class="field__error">{errors.byField.events}</p>}
        </fieldset>
        <FormFooter error={errors.general} pending={create.isPending} submit="Add webhook" />
      </form>
      {list.data && list.data.length > 0 && (
        <ul class="key-list" aria-label="Your webhooks">
          {list.data.map((hook: Webhook) => (
            <li key={hook.id} class="webhook">
              <div class="key-list__item webhook__row">
                <div class="key-list__text">
                  <strong class="break-anywhere">{hook.url}</strong>
                  <span class="small muted">
                    {hook.description ? `${hook.description} · ` : ""}
                    {hook.events ? `${hook.events.length} event${hook.events.length === 1 ? "" : "s"}` : "every event"} ·
                    added {formatDateTime(hook.created_at, zone)}
                  </span>
                  <span class="small">
                    <span class={`badge ${hook.active ? "badge--ok" : "badge--warn"}`}>{hook.active ? "Active" : "Paused"}</span>
                    {hook.disabled_reason ? <span class="muted"> {hook.disabled_reason}</span> : null}
                  </span>
                </div>
              </div>
              <div class="webhook__actions">
                <button
                  type="button"
                  class="btn btn--secondary btn--small"
                  aria-expanded={openLog === hook.id}
                  onClick={() => setOpenLog(openLog === hook.id ? null : hook.id)}
                >
                  {openLog === hook.id ? "Hide deliveries" : "Deliveries"}
                </button>
                <button
                  type="button"
                  class="btn btn--secondary btn--small"
                  disabled={!hook.active || test.isPending}
                  onClick={() => {
                    test.mutate(hook);
                    setOpenLog(hook.id);
                  }}
                >
                  Send a test event
                </button>
                <button
                  type="button"
                  class="btn btn--secondary btn--small"
                  disabled={setActive.isPending}
                  onClick={() => setActive.mutate({ hook, active: !hook.active })}
                >
                  {hook.active ? "Pause" : "Resume"}
                </button>
                <button
                  type="button"
                  class="btn btn--secondary btn--small"
                  disabled={remove.isPending}
                  aria-label={`Delete the webhook ${hook.url}`}
                  onClick={() => {
                    if (confirm(`Delete the webhook for ${hook.url}? Its delivery log goes with it.`)) remove.mutate(hook);
                  }}
                >
                  Delete
                </button>
              </div>
              <WebhookDeliveries hook={hook} zone={zone} open={openLog === hook.id} />
            </li>
          ))}
        </ul>
      )}
      <FormError error={list.error ?? setActive.error ?? remove.error ?? test.error} />
    </section>
  );
}
