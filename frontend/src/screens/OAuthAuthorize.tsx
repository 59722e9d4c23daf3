// The OAuth authorization page (RFC 6749 4.1): an app asks to connect to the signed-in account; the
// person sees its name and what it may do, and allows or denies. Either answer sends the browser back
// to the app's registered address (with a code, or with error=access_denied).
import { useEffect } from "preact/hooks";
import { ApiError } from "../api/client";
import { authorizationRequest, useConsent, useDecide } from "../api/queries/oauth";
import { AuthFrame } from "../components/AuthFrame";
import { FormError } from "../components/Form";
import { Loading } from "../components/States";

const SCOPE_WORDS: Record<string, string> = {
  read: "See everything in your account: applications, rounds, the people you meet, your questions and plans.",
  write: "Make changes: add, edit and delete applications, rounds, people and questions.",
};

function hostOf(uri: string | null | undefined): string {
  try {
    return uri ? new URL(uri).host : "";
  } catch {
    return "";
  }
}

export default function OAuthAuthorize() {
  const request = authorizationRequest(window.location.search);
  const consent = useConsent(request);
  const decide = useDecide();
  const goTo = consent.data?.redirect_to;
  useEffect(() => {
    if (goTo) window.location.assign(goTo); // the app must hear of a bad request; nothing to ask
  }, [goTo]);

  if (consent.isPending || goTo) return <Loading label="Checking the app" />;
  if (consent.isError || !consent.data) {
    const detail = consent.error instanceof ApiError && consent.error.detail ? consent.error.detail : null;
    return (
      <AuthFrame title="This app cannot connect" lead={detail ?? "The link that brought you here is not valid."}>
        <p>
          Nothing was shared. <a href="/">Go to your applications</a>.
        </p>
      </AuthFrame>
    );
  }
  const { client_name, scopes, redirect_uri } = consent.data;
  const answer = (allow: boolean) =>
    decide.mutate(
      { ...request, response_type: request.response_type ?? "", client_id: request.client_id ?? "", allow },
      { onSuccess: (r) => window.location.assign(r.redirect_to) },
    );
  return (
    <AuthFrame title={`Connect ${client_name}?`} lead={`${client_name} asks to use your secondround account.`}>
      <div class="stack">
        <p>If you allow it, {client_name} may:</p>
        <ul class="stack consent__scopes" aria-label="What the app may do">
          {(scopes ?? []).map((scope) => (
            <li key={scope}>{SCOPE_WORDS[scope] ?? scope}</li>
          ))}
        </ul>
        <p class="small muted">
          It never sees your password and cannot change it, nor make API keys. You can disconnect it at any time in
          Settings. {hostOf(redirect_uri) && <>You will go back to {hostOf(redirect_uri)}.</>}
        </p>
        <FormError error={decide.error} />
        <div class="consent__actions">
          <button type="button" class="btn btn--secondary" disabled={decide.isPending} onClick={() => answer(false)}>
            Deny
          </button>
          <button type="button" class="btn btn--primary" disabled={decide.isPending} onClick={() => answer(true)}>
            Allow
          </button>
        </div>
      </div>
    </AuthFrame>
  );
}
