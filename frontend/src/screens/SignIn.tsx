import { Link, useLocation } from "wouter-preact";
import { ApiError } from "../api/client";
import { useSignIn } from "../api/queries/auth";
import { AuthFrame } from "../components/AuthFrame";
import { Field, FormError, formValues, useFormErrors } from "../components/Form";
import { limits } from "../api/limits";

export default function SignIn() {
  const signIn = useSignIn();
  const errors = useFormErrors(["email", "password"]);
  const [, navigate] = useLocation();
  const query = new URLSearchParams(location.search);
  const afterReset = query.get("reset") === "done";

  function submit(event: Event) {
    event.preventDefault();
    errors.clear();
    const v = formValues(event.currentTarget as HTMLFormElement);
    signIn.mutate(
      { email: v.email ?? "", password: (new FormData(event.currentTarget as HTMLFormElement).get("password") as string) ?? "" },
      {
        onSuccess: () => {
          const next = new URLSearchParams(location.search).get("next");
          navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/", { replace: true });
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 401) {
            errors.show(new Error("That email and password do not match an account. Check both and try again."));
          } else errors.show(e);
        },
      },
    );
  }

  return (
    <AuthFrame title="Sign in" lead="Welcome back. Your plans and notes are where you left them.">
      {afterReset && (
        <p class="notice notice--ok" role="status">
          Your new password is set, and every other device is signed out. Sign in with it.
        </p>
      )}
      <form class="stack" onSubmit={submit}>
        <Field label="Email" name="email" error={errors.byField.email}>
          {(p) => (
            <input {...p} type="email" autoComplete="username" required defaultValue={query.get("email") ?? ""} {...limits.LoginRequest.email} />
          )}
        </Field>
        <Field label="Password" name="password" error={errors.byField.password}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required {...limits.LoginRequest.password} />}
        </Field>
        <FormError error={errors.general} />
        <button class="btn btn--primary btn--block" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <p class="auth__switch auth__forgot">
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p class="auth__switch">
        New here? <Link href="/sign-up">Create an account</Link>
      </p>
    </AuthFrame>
  );
}
