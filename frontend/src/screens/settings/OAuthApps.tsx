import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { limits } from "../../api/limits";
import {
  useConnectedApps,
  useCreateOAuthClient,
  useDeleteOAuthClient,
  useDisconnectApp,
  useOAuthClients,
} from "../../api/queries/oauth";
import { Field, FormError, FormFooter, useFormErrors } from "../../components/Form";
import { formatDateTime } from "../../time";

/** Apps you allowed into your account with OAuth: what each may do, when it last called, Disconnect. */
export function ConnectedApps({ me }: { me: Schemas["MeRead"] }) {
  const apps = useConnectedApps();
  const disconnect = useDisconnectApp();
  const zone = me.time_zone;
  return (
    <section class="card stack" aria-labelledby="connected-apps-title">
      <h2 id="connected-apps-title" class="card__title">
        Connected apps
      </h2>
      <p class="small">
        Apps such as job boards that you allowed to use your account. They never see your password, and changing it
        leaves them connected: disconnect an app here to stop it at once.
      </p>
      {apps.data && apps.data.length === 0 && <p class="small muted">No app is connected.</p>}
      {apps.data && apps.data.length > 0 && (
        <ul class="key-list" aria-label="Your connected apps">
          {apps.data.map((app) => (
            <li key={app.client_id} class="key-list__item">
              <div class="key-list__text">
                <strong class="break-anywhere">{app.name}</strong>
                <span class="small muted">{app.scopes.includes("write") ? "may read and change" : "may read only"}</span>
                <span class="small muted">
                  Connected {formatDateTime(app.connected_at, zone)} ·{" "}
                  {app.last_used_at ? `last used ${formatDateTime(app.last_used_at, zone)}` : "not used yet"}
                </span>
              </div>
              <button
                type="button"
                class="btn btn--secondary"
                disabled={disconnect.isPending}
                aria-label={`Disconnect ${app.name}`}
                onClick={() => {
                  if (confirm(`Disconnect “${app.name}”? It stops working with your account at once.`))
                    disconnect.mutate(app);
                }}
              >
                Disconnect
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError error={apps.error ?? disconnect.error} />
    </section>
  );
}

/** Apps you make (for a job board or a tool of yours): register one, see its client id, delete it. */
export function RegisteredApps({ me }: { me: Schemas["MeRead"] }) {
  const list = useOAuthClients();
  const create = useCreateOAuthClient();
  const remove = useDeleteOAuthClient();
  const errors = useFormErrors(["name", "redirect_uris"]);
  const [made, setMade] = useState<Schemas["OAuthClientCreated"] | null>(null);
  const zone = me.time_zone;
  return (
    <section class="card stack" aria-labelledby="oauth-clients-title">
      <h2 id="oauth-clients-title" class="card__title">
        Apps you make
      </h2>
      <p class="small">
        Building a job board or a tool that others connect to their secondround account? Register it here to get its
        client id for OAuth (see the README, “Connect an app with OAuth”).
      </p>
      {made && (
        <div class="stack" role="status">
          <div class="field">
            <label for="new-client-id">Client id of {made.name}</label>
            <input id="new-client-id" readOnly value={made.client_id} onFocus={(e) => e.currentTarget.select()} />
          </div>
          {made.client_secret && (
            <>
              <div class="field">
                <label for="new-client-secret">Its secret</label>
                <input id="new-client-secret" readOnly value={made.client_secret} onFocus={(e) => e.currentTarget.select()} />
              </div>
              <p class="small muted">Shown once: copy the secret now and keep it on the app's server only.</p>
            </>
          )}
        </div>
      )}
      <form
        class="stack"
        onSubmit={errors.submit((_v, form) => {
          const data = new FormData(form);
          const uris = String(data.get("redirect_uris") ?? "")
            .split(/\s+/)
            .filter(Boolean);
          create.mutate(
            { name: String(data.get("name") ?? ""), redirect_uris: uris, confidential: Boolean(data.get("confidential")) },
            {
              onSuccess: (client) => {
                form.reset();
                setMade(client);
              },
              onError: errors.show,
            },
          );
        })}
      >
        <Field label="App name" name="name" id="oauth-client-name" error={errors.byField.name}>
          {(p) => <input {...p} required placeholder="My job board" {...limits.OAuthClientCreate.name} />}
        </Field>
        <Field
          label="Redirect addresses"
          name="redirect_uris"
          id="oauth-client-redirects"
          hint="One per line: https://… or, for an app on your own computer, http://127.0.0.1:…"
          error={errors.byField.redirect_uris}
        >
          {(p) => <textarea {...p} required rows={2} placeholder="https://jobs.example/oauth/callback" />}
        </Field>
        <label class="check">
          <input type="checkbox" name="confidential" /> It has a server that keeps a secret
        </label>
        <FormFooter error={errors.general} pending={create.isPending} submit="Register the app" />
      </form>
      {list.data && list.data.length > 0 && (
        <ul class="key-list" aria-label="Apps you registered">
          {list.data.map((client) => (
            <li key={client.client_id} class="key-list__item">
              <div class="key-list__text">
                <strong class="break-anywhere">{client.name}</strong>
                <span class="small muted break-anywhere">
                  <code>{client.client_id}</code> · {client.confidential ? "with a secret" : "public (PKCE)"}
                </span>
                <span class="small muted break-anywhere">
                  Made {formatDateTime(client.created_at, zone)} · {client.redirect_uris.join(", ")}
                </span>
              </div>
              <button
                type="button"
                class="btn btn--secondary"
                disabled={remove.isPending}
                aria-label={`Delete ${client.name}`}
                onClick={() => {
                  if (confirm(`Delete “${client.name}”? Everyone who connected it is disconnected at once.`))
                    remove.mutate(client);
                }}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError error={list.error ?? remove.error} />
    </section>
  );
}
