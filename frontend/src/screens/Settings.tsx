import { useState } from "preact/hooks";
import { ApiError, type Schemas } from "../api/client";
import { useIssueCalendarToken, useMe, useUpdateMe } from "../api/queries/me";
import { Field, FormError, FormFooter, useFormErrors } from "../components/Form";
import { Page } from "../components/Layout";
import { ErrorState, Loading } from "../components/States";
import { TimeZoneSettings } from "./settings/TimeZone";
import { ReminderSettings } from "./settings/Reminders";
import { ApiKeys } from "./settings/ApiKeys";
import { ConnectedApps, RegisteredApps } from "./settings/OAuthApps";
import { Webhooks } from "./settings/Webhooks";
import { limits } from "../api/limits";
import { FeedLink } from "./settings/CalendarLink";
import { RevokedNote } from "./settings/RevokedNote";
import { YourData } from "./settings/YourData";

export default function Settings() {
  const me = useMe();
  return (
    <Page title="Settings" lead="Your name, your time zone, your daily reminder email, your sign-in email and password, your private calendar feed, your API keys, the apps connected to your account, your webhooks, and your data to download or import.">
      {me.isPending ? (
        <Loading />
      ) : me.isError || !me.data ? (
        <ErrorState error={me.error} retry={() => me.refetch()} />
      ) : (
        <div class="grid-2">
          <div class="stack">
            <Profile me={me.data} />
            <TimeZoneSettings me={me.data} />
            <ReminderSettings me={me.data} />
            <Calendar />
            <YourData />
            <ConnectedApps me={me.data} />
          </div>
          <div class="stack">
            <Email me={me.data} />
            <Password />
            <ApiKeys me={me.data} />
            <RegisteredApps me={me.data} />
            <Webhooks me={me.data} />
          </div>
        </div>
      )}
    </Page>
  );
}

function Profile({ me }: { me: Schemas["MeRead"] }) {
  const update = useUpdateMe();
  const errors = useFormErrors(["display_name"]);
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby="profile-title">
      <h2 id="profile-title" class="card__title">
        Profile
      </h2>
      <form
        data-unsaved="Profile"
        class="stack"
        onSubmit={errors.submit((v) => {
          setSaved(false);
          update.mutate({ display_name: v.display_name }, { onSuccess: () => setSaved(true), onError: errors.show });
        })}
      >
        <Field label="Your name" name="display_name" error={errors.byField.display_name}>
          {(p) => <input {...p} {...limits.MeUpdate.display_name} autoComplete="name" defaultValue={me.display_name ?? ""} />}
        </Field>
        <FormFooter error={errors.general} pending={update.isPending} saved={saved && "Saved"} submit="Save name" />
      </form>
    </section>
  );
}

function Email({ me }: { me: Schemas["MeRead"] }) {
  const update = useUpdateMe();
  const errors = useFormErrors(["email", "current_password"]);
  const [revoked, setRevoked] = useState<Schemas["RevokedRead"] | null>(null);
  return (
    <section class="card" aria-labelledby="email-title">
      <h2 id="email-title" class="card__title">
        Change sign-in email
      </h2>
      <form
        data-unsaved="Change sign-in email"
        class="stack"
        onSubmit={errors.submit((_v, form) => {
          setRevoked(null);
          const data = new FormData(form);
          update.mutate(
            { email: String(data.get("email") ?? ""), current_password: String(data.get("current_password") ?? "") },
            {
              onSuccess: (changed) => {
                form.reset();
                setRevoked(changed.revoked);
              },
              onError: errors.show,
            },
          );
        })}
      >
        <p class="small muted">Now: {me.email}</p>
        <Field
          label="New email"
          name="email"
          id="email-new"
          hint="You sign in with it from now on. Other devices are signed out and your calendar link stops working."
          error={errors.byField.email}
        >
          {(p) => <input {...p} type="email" autoComplete="email" required {...limits.MeUpdate.email} />}
        </Field>
        <Field
          label="Current password"
          name="current_password"
          id="email-current-password"
          error={errors.byField.current_password}
        >
          {(p) => <input {...p} type="password" autoComplete="current-password" required {...limits.MeUpdate.current_password} />}
        </Field>
        {revoked && <RevokedNote what="Email changed" revoked={revoked} id="email" />}
        <FormFooter error={errors.general} pending={update.isPending} submit="Change email" />
      </form>
    </section>
  );
}

function Password() {
  const update = useUpdateMe();
  const errors = useFormErrors(["current_password", "password", "confirm"]);
  const [revoked, setRevoked] = useState<Schemas["RevokedRead"] | null>(null);
  return (
    <section class="card" aria-labelledby="password-title">
      <h2 id="password-title" class="card__title">
        Change password
      </h2>
      <form
        data-unsaved="Change password"
        class="stack"
        onSubmit={errors.submit((_v, form) => {
          setRevoked(null);
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
          update.mutate(
            { current_password: String(data.get("current_password") ?? ""), password },
            {
              onSuccess: (changed) => {
                form.reset();
                setRevoked(changed.revoked);
              },
              onError: errors.show,
            },
          );
        })}
      >
        <Field label="Current password" name="current_password" error={errors.byField.current_password}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required {...limits.MeUpdate.current_password} />}
        </Field>
        <Field
          label="New password"
          name="password"
          hint="At least 12 characters. Other devices are signed out and your calendar link stops working; API keys and connected apps keep working."
          error={errors.byField.password}
        >
          {(p) => <input {...p} type="password" autoComplete="new-password" required {...limits.MeUpdate.password} />}
        </Field>
        <Field label="New password again" name="confirm" error={errors.byField.confirm}>
          {(p) => <input {...p} type="password" autoComplete="new-password" required {...limits.MeUpdate.password} />}
        </Field>
        {revoked && <RevokedNote what="Password changed" revoked={revoked} id="password" />}
        <FormFooter error={errors.general} pending={update.isPending} submit="Change password" />
      </form>
    </section>
  );
}

function Calendar() {
  const issue = useIssueCalendarToken();
  const url = issue.data?.feed_url;
  return (
    <section class="card stack calendar-card" aria-labelledby="calendar-title">
      <h2 id="calendar-title">Calendar feed</h2>
      <p class="small">
        Subscribe from any calendar app to see your interviews (with a link to each plan and a reminder the day before) and
        your follow-up calls. The link is private: anyone who has it can read the feed.
      </p>
      {url ? (
        <FeedLink url={url} />
      ) : (
        <p class="small muted">For your privacy the link is shown only when it is made.</p>
      )}
      <FormError error={issue.error} />
      <div>
        <button
          type="button"
          class="btn btn--secondary"
          disabled={issue.isPending}
          onClick={() => {
            if (url || confirm("Make a new link? Any link you made before stops working.")) {
              issue.mutate();
            }
          }}
        >
          {url ? "Make another link (the old one stops working)" : "Get my calendar link"}
        </button>
      </div>
    </section>
  );
}
