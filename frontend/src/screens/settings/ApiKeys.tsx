import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useApiKeys, useCreateApiKey, useRevokeApiKey, type ApiKey } from "../../api/queries/apiKeys";
import { limits } from "../../api/limits";
import { Field, FormError, FormFooter, useFormErrors } from "../../components/Form";
import { formatDateTime } from "../../time";

/** Personal API keys for scripts and integrations: make one (shown once), see when each was last used, revoke. */
export function ApiKeys({ me }: { me: Schemas["MeRead"] }) {
  const list = useApiKeys();
  const create = useCreateApiKey();
  const revoke = useRevokeApiKey();
  const errors = useFormErrors(["name", "expires_at"]);
  const [made, setMade] = useState<Schemas["ApiKeyCreated"] | null>(null);
  const [copied, setCopied] = useState(false);
  const zone = me.time_zone;
  return (
    <section class="card stack" aria-labelledby="api-keys-title">
      <h2 id="api-keys-title" class="card__title">
        API keys
      </h2>
      <p class="small">
        For a script or a job board that reads or updates your applications over the API. Send a key as{" "}
        <code>Authorization: Bearer &lt;key&gt;</code>. A read-only key cannot change anything. Changing your password
        signs out your devices but leaves your API keys working: revoke a key here when you no longer use it.
      </p>
      {made && (
        <div class="stack" role="status">
          <div class="copy-field">
            <label class="visually-hidden" for="new-api-key">
              Your new API key
            </label>
            <input id="new-api-key" readOnly value={made.key} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              class="btn btn--primary"
              onClick={async () => {
                await navigator.clipboard.writeText(made.key);
                setCopied(true);
              }}
            >
              {copied ? "Copied" : "Copy key"}
            </button>
          </div>
          <p class="small muted">Shown once: copy “{made.name}” now. Nobody, you included, can see it again.</p>
        </div>
      )}
      <form
        class="stack"
        onSubmit={errors.submit((_v, form) => {
          const data = new FormData(form);
          const expiry = String(data.get("expires_at") ?? "");
          setCopied(false);
          create.mutate(
            {
              name: String(data.get("name") ?? ""),
              scopes: data.get("write") ? ["read", "write"] : ["read"],
              expires_at: expiry ? new Date(`${expiry}T23:59:59`).toISOString() : null,
            },
            {
              onSuccess: (key) => {
                form.reset();
                setMade(key);
              },
              onError: errors.show,
            },
          );
        })}
      >
        <Field label="Key name" name="name" id="api-key-name" hint="What it is for, so you know which key to revoke." error={errors.byField.name}>
          {(p) => <input {...p} required placeholder="Job board sync" {...limits.ApiKeyCreate.name} />}
        </Field>
        <label class="check">
          <input type="checkbox" name="write" /> It may also make changes (write)
        </label>
        <Field
          label="Stops working after (optional)"
          name="expires_at"
          id="api-key-expiry"
          hint="Leave empty for a key that works until you revoke it."
          error={errors.byField.expires_at}
        >
          {(p) => <input {...p} type="date" />}
        </Field>
        <FormFooter error={errors.general} pending={create.isPending} submit="Make a key" />
      </form>
      {list.data && list.data.length > 0 && (
        <ul class="key-list" aria-label="Your API keys">
          {list.data.map((key: ApiKey) => (
            <li key={key.id} class="key-list__item">
              <div class="key-list__text">
                <strong class="break-anywhere">{key.name}</strong>
                <span class="small muted">
                  <code>{key.prefix}…</code> · {key.scopes.includes("write") ? "read and write" : "read only"}
                </span>
                <span class="small muted">
                  Made {formatDateTime(key.created_at, zone)} ·{" "}
                  {key.last_used_at ? `last used ${formatDateTime(key.last_used_at, zone)}` : "never used"}
                  {key.expires_at ? ` · stops working ${formatDateTime(key.expires_at, zone)}` : ""}
                </span>
              </div>
              <button
                type="button"
                class="btn btn--secondary"
                disabled={revoke.isPending}
                aria-label={`Revoke ${key.name}`}
                onClick={() => {
                  if (confirm(`Revoke “${key.name}”? Whatever uses it stops working at once.`)) revoke.mutate(key);
                }}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError error={list.error ?? revoke.error} />
    </section>
  );
}
