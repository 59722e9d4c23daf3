// The page the reminder's "Stop the daily reminder" link opens: one button, so a mail scanner that
// follows links does not turn the reminder off by itself.
import { Link } from "wouter-preact";
import { useUnsubscribe } from "../api/queries/auth";
import { AuthFrame } from "../components/AuthFrame";
import { FormError } from "../components/Form";

export default function Unsubscribe() {
  const unsubscribe = useUnsubscribe();
  const token = new URLSearchParams(location.search).get("token") ?? "";
  return (
    <AuthFrame title="Daily reminder" lead="The morning email that lists your follow-ups, thank-you notes and offer deadlines.">
      {unsubscribe.isSuccess ? (
        <p class="notice notice--ok" role="status">
          {unsubscribe.data.detail}
        </p>
      ) : (
        <>
          <FormError error={unsubscribe.error} />
          <button
            type="button"
            class="btn btn--primary btn--block"
            disabled={!token || unsubscribe.isPending}
            onClick={() => unsubscribe.mutate(token)}
          >
            {unsubscribe.isPending ? "Stopping…" : "Stop the daily reminder"}
          </button>
        </>
      )}
      <p class="auth__switch">
        <Link href="/settings">Settings</Link>
      </p>
    </AuthFrame>
  );
}
