// "Forgot your password?": ask for a link by email. The answer is the same whether or not an account
// uses the email, so the screen says what happens in both cases.
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { limits } from "../api/limits";
import { useRequestPasswordReset } from "../api/queries/auth";
import { AuthFrame } from "../components/AuthFrame";
import { Field, FormError, useFormErrors } from "../components/Form";

export default function ForgotPassword() {
  const request = useRequestPasswordReset();
  const errors = useFormErrors(["email"]);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const email = new URLSearchParams(location.search).get("email") ?? "";
  return (
    <AuthFrame title="Forgot your password?" lead="Give the email you sign in with, and we will send a link to choose a new password.">
      {sentTo ? (
        <div class="stack" role="status">
          <p class="notice notice--ok">
            {/* One span: .notice is a flex row, and bare text beside <strong> would become three items. */}
            <span>
              If an account uses <strong>{sentTo}</strong>, a link is on its way. It works once, for 30
              minutes.
            </span>
          </p>
          <p class="small muted">
            Nothing after a few minutes? Look in your spam folder, check the address, or ask again: a new link replaces the
            old one.
          </p>
          <button type="button" class="btn btn--secondary btn--block" onClick={() => setSentTo(null)}>
            Send another link
          </button>
        </div>
      ) : (
        <form
          class="stack"
          onSubmit={errors.submit((v) => {
            const to = v.email ?? "";
            request.mutate({ email: to }, { onSuccess: () => setSentTo(to), onError: errors.show });
          })}
        >
          <Field label="Email" name="email" error={errors.byField.email}>
            {(p) => (
              <input {...p} type="email" autoComplete="username" required defaultValue={email} {...limits.PasswordResetRequest.email} />
            )}
          </Field>
          <FormError error={errors.general} />
          <button class="btn btn--primary btn--block" disabled={request.isPending}>
            {request.isPending ? "Sending…" : "Send me a link"}
          </button>
        </form>
      )}
      <p class="auth__switch">
        Remembered it? <Link href="/sign-in">Sign in</Link>
      </p>
    </AuthFrame>
  );
}
