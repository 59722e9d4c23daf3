import { Link, useLocation } from "wouter-preact";
import { ApiError } from "../api/client";
import { useSignUp } from "../api/queries/auth";
import { AuthFrame } from "../components/AuthFrame";
import { Field, FormError, formValues, useFormErrors } from "../components/Form";
import { ZoneField } from "../components/ZoneField";
import { browserZone } from "../time";
import { limits } from "../api/limits";

export default function SignUp() {
  const signUp = useSignUp();
  const errors = useFormErrors(["email", "password", "display_name", "time_zone"]);
  const [, navigate] = useLocation();

  function submit(event: Event) {
    event.preventDefault();
    errors.clear();
    const form = event.currentTarget as HTMLFormElement;
    const v = formValues(form);
    signUp.mutate(
      {
        email: v.email ?? "",
        password: String(new FormData(form).get("password") ?? ""),
        display_name: v.display_name,
        time_zone: v.time_zone ?? browserZone(),
      },
      {
        onSuccess: () => navigate("/", { replace: true }),
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409) {
            errors.show(
              new ApiError(422, {
                errors: [{ field: "email", location: "body", type: "taken", message: "An account with this email already exists. Sign in instead." }],
              }),
            );
          } else errors.show(e);
        },
      },
    );
  }

  return (
    <AuthFrame title="Create your account" lead="It comes with interviewer roles and a starter bank of questions, ready to plan.">
      <form class="stack" onSubmit={submit}>
        <Field label="Your name" name="display_name" hint="Optional; shown only to you." error={errors.byField.display_name}>
          {(p) => <input {...p} type="text" autoComplete="name" {...limits.RegisterRequest.display_name} />}
        </Field>
        <Field label="Email" name="email" error={errors.byField.email}>
          {(p) => <input {...p} type="email" autoComplete="username" required {...limits.RegisterRequest.email} />}
        </Field>
        <Field label="Password" name="password" hint="At least 12 characters; a few unrelated words work well." error={errors.byField.password}>
          {(p) => <input {...p} type="password" autoComplete="new-password" required {...limits.RegisterRequest.password} />}
        </Field>
        <ZoneField
          id="f-time_zone"
          defaultValue={browserZone()}
          hint="From your browser. Interview times and follow-up days use it; you can change it later."
          error={errors.byField.time_zone}
        />
        <FormError error={errors.general} />
        <button class="btn btn--primary btn--block" disabled={signUp.isPending}>
          {signUp.isPending ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p class="auth__switch">
        Already have an account? <Link href="/sign-in">Sign in</Link>
      </p>
    </AuthFrame>
  );
}
