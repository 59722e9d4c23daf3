// The page the reset mail links to: choose a new password with the link's token, then sign in with it
// (every session was signed out).
import { Link, useLocation } from "wouter-preact";
import { ApiError } from "../api/client";
import { limits } from "../api/limits";
import { useConfirmPasswordReset } from "../api/queries/auth";
import { AuthFrame } from "../components/AuthFrame";
import { Field, FormError, useFormErrors } from "../components/Form";

export default function ResetPassword() {
  const confirm = useConfirmPasswordReset();
  const errors = useFormErrors(["password", "confirm"]);
  const [, navigate] = useLocation();
  const token = new URLSearchParams(location.search).get("token") ?? "";
  const dead = confirm.error instanceof ApiError && confirm.error.type === "/problems/link-invalid";

  if (!token || dead) {
    return (
      <AuthFrame title="This link no longer works" lead="A password reset link works once, for 30 minutes, and a newer one replaces it.">
        {dead && <FormError error={confirm.error} />}
        <Link href="/forgot-password" class="btn btn--primary btn--block">
          Ask for a new link
        </Link>
        <p class="auth__switch">
          <Link href="/sign-in">Back to sign in</Link>
        </p>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title="Choose a new password" lead="At least 12 characters and hard to guess. You are then signed out everywhere else.">
      <form
        class="stack"
        onSubmit={errors.submit((_v, form) => {
          const data = new FormData(form);
          const password = String(data.get("password") ?? "");
          if (password !== String(data.get("confirm") ?? "")) {
            errors.show(
              new ApiError(422, {
                errors: [{ field: "confirm", location: "body", type: "mismatch", message: "The two new passwords differ." }],
              }),
            );
            return;
          }
          confirm.mutate(
            { token, password },
            {
              onSuccess: (done) =>
                navigate(`/sign-in?reset=done&email=${encodeURIComponent(done.email)}`, { replace: true }),
              onError: (e) => {
                if (!(e instanceof ApiError && e.type === "/problems/link-invalid")) errors.show(e);
              },
            },
          );
        })}
      >
        <Field label="New password" name="password" hint="At least 12 characters." error={errors.byField.password}>
          {(p) => <input {...p} type="password" autoComplete="new-password" required {...limits.PasswordResetConfirm.password} />}
        </Field>
        <Field label="New password again" name="confirm" error={errors.byField.confirm}>
          {(p) => <input {...p} type="password" autoComplete="new-password" required {...limits.PasswordResetConfirm.password} />}
        </Field>
        <FormError error={errors.general} />
        <button class="btn btn--primary btn--block" disabled={confirm.isPending}>
          {confirm.isPending ? "Saving…" : "Set new password"}
        </button>
      </form>
    </AuthFrame>
  );
}
