// The daily reminder email: on or off, and from which hour of the morning (in the account's zone).
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useUpdateMe } from "../../api/queries/me";
import { Field, FormFooter, useFormErrors } from "../../components/Form";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

export function ReminderSettings({ me }: { me: Schemas["MeRead"] }) {
  const update = useUpdateMe();
  const errors = useFormErrors(["daily_reminder", "reminder_hour"]);
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby="reminder-title">
      <h2 id="reminder-title" class="card__title">
        Daily reminder email
      </h2>
      <form
        class="stack"
        key={`${me.daily_reminder}-${me.reminder_hour}`}
        onSubmit={errors.submit((_v, form) => {
          setSaved(false);
          const data = new FormData(form);
          update.mutate(
            { daily_reminder: data.get("daily_reminder") === "on", reminder_hour: Number(data.get("reminder_hour") ?? 7) },
            { onSuccess: () => setSaved(true), onError: errors.show },
          );
        })}
      >
        <p class="small">
          One email a morning when something is due: overdue and today's follow-ups, thank-you notes to send, and offers to
          answer. No email on a day with nothing to say.
        </p>
        <label class="check">
          <input type="checkbox" name="daily_reminder" defaultChecked={me.daily_reminder} />
          <span>Send me the daily reminder</span>
        </label>
        <Field
          label="From"
          name="reminder_hour"
          id="reminder-hour"
          hint={`In your time zone, ${me.time_zone}.`}
          error={errors.byField.reminder_hour}
        >
          {(p) => (
            <select {...p}>
              {HOURS.map((h) => (
                <option key={h} value={h} selected={h === me.reminder_hour}>
                  {String(h).padStart(2, "0")}:00
                </option>
              ))}
            </select>
          )}
        </Field>
        <FormFooter error={errors.general} pending={update.isPending} saved={saved && "Saved"} submit="Save reminder" />
      </form>
    </section>
  );
}
