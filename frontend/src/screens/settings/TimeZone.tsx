// The account's time zone: new rounds are scheduled in it and follow-ups come due by its calendar.
// When the browser is somewhere else (travel, or an account made before zones existed), say so and
// offer the browser's zone in one click; nothing changes by itself.
import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useUpdateMe } from "../../api/queries/me";
import { FormFooter, formValues, useFormErrors } from "../../components/Form";
import { ZoneField } from "../../components/ZoneField";
import { browserZone } from "../../time";

export function TimeZoneSettings({ me }: { me: Schemas["MeRead"] }) {
  const update = useUpdateMe();
  const errors = useFormErrors(["time_zone"]);
  const [saved, setSaved] = useState(false);
  const here = browserZone();
  function save(time_zone: string) {
    errors.clear();
    setSaved(false);
    update.mutate({ time_zone }, { onSuccess: () => setSaved(true), onError: errors.show });
  }
  return (
    <section class="card" aria-labelledby="zone-title">
      <h2 id="zone-title" class="card__title">
        Time zone
      </h2>
      {here !== me.time_zone && (
        <div class="notice notice--warning small row" role="note">
          <span>
            Your browser is in <strong>{here}</strong>; your account uses <strong>{me.time_zone}</strong>.
          </span>
          <button type="button" class="btn btn--secondary btn--small" disabled={update.isPending} onClick={() => save(here)}>
            Use {here}
          </button>
        </div>
      )}
      <form
        class="stack"
        key={me.time_zone}
        onSubmit={(e) => {
          e.preventDefault();
          save(formValues(e.currentTarget).time_zone ?? "");
        }}
      >
        <ZoneField
          id="settings-zone"
          defaultValue={me.time_zone}
          hint="New rounds are scheduled in it, and follow-ups come due at midnight there. Rounds keep their own zone."
          error={errors.byField.time_zone}
        />
        <FormFooter
          error={errors.general}
          pending={update.isPending}
          saved={saved && "Saved"}
          submit="Save time zone"
        />
      </form>
    </section>
  );
}
