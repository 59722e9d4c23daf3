import { useState } from "preact/hooks";
import { useApplications } from "../../api/queries/applications";
import { useCreateOffer } from "../../api/queries/offers";
import { Field, FormError, formValues } from "../../components/Form";
import { OfferTermsFields, termsOf } from "./OfferTerms";

/** Record a verbal offer (or a written one) for one of your applications. */
export function AddOffer({ onDone }: { onDone: () => void }) {
  const applications = useApplications();
  const create = useCreateOffer();
  // The currency follows the application chosen (the one its salary range was noted in).
  const [chosen, setChosen] = useState<string | null>(null);
  const apps = applications.data ?? [];
  const application = apps.find((a) => a.id === chosen) ?? apps[0];
  const errors = create.error && "fieldErrors" in create.error ? (create.error as { fieldErrors: () => Record<string, string> }).fieldErrors() : {};
  return (
    <form
      class="card stack"
      aria-label="Add an offer"
      onSubmit={(e) => {
        e.preventDefault();
        const v = formValues(e.currentTarget);
        create.mutate(
          {
            application_id: v.application_id ?? "",
            stage: (v.stage as "verbal" | "written") ?? "verbal",
            base_amount: v.base_amount ?? "",
            currency: v.currency ?? "",
            period: (v.period as "year" | "month" | "week" | "hour") ?? "year",
            respond_by: v.respond_by || null,
            offered_on: v.offered_on || null,
            ...termsOf(v),
          },
          { onSuccess: onDone },
        );
      }}
    >
      <Field label="Application" name="application_id" error={errors.application_id}>
        {(p) => (
          <select {...p} required onChange={(e) => setChosen(e.currentTarget.value)}>
            {apps.map((a) => (
              <option key={a.id} value={a.id}>
                {a.company} · {a.position}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Stage" name="stage">
        {(p) => (
          <select {...p}>
            <option value="verbal">Verbal (said on a call)</option>
            <option value="written">Written</option>
          </select>
        )}
      </Field>
      <div class="offer-form__row">
        <Field label="Base salary" name="base_amount" error={errors.base_amount}>
          {(p) => <input {...p} required inputMode="decimal" pattern="[0-9]+([.][0-9]{1,2})?" />}
        </Field>
        <Field label="Currency" name="currency" error={errors.currency}>
          {(p) => (
            <input
              {...p}
              key={application?.id}
              required
              maxLength={3}
              minLength={3}
              placeholder="EUR"
              autoCapitalize="characters"
              defaultValue={application?.salary_currency ?? ""}
            />
          )}
        </Field>
        <Field label="Paid per" name="period">
          {(p) => (
            <select {...p}>
              <option value="year">Year</option>
              <option value="month">Month</option>
              <option value="week">Week</option>
              <option value="hour">Hour</option>
            </select>
          )}
        </Field>
      </div>
      <div class="offer-form__row">
        <Field label="Offered on" name="offered_on" hint="Empty: today" error={errors.offered_on}>
          {(p) => <input {...p} type="date" />}
        </Field>
        <Field label="Respond by" name="respond_by" error={errors.respond_by}>
          {(p) => <input {...p} type="date" />}
        </Field>
      </div>
      <OfferTermsFields idPrefix="new-offer" errors={errors} />
      <FormError error={create.error} />
      <div class="row">
        <button class="btn btn--primary" disabled={create.isPending}>
          Save the offer
        </button>
        <button type="button" class="btn btn--ghost" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
