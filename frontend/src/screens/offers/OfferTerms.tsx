// The terms beyond the base salary, shared by the new-offer form and "The written offer came":
// what a written offer adds (bonus, equity, benefits, start date) and your own notes.
import type { Schemas } from "../../api/client";
import { Field } from "../../components/Form";

type Terms = Pick<Schemas["OfferRead"], "bonus" | "equity" | "benefits" | "start_date" | "notes">;

export function OfferTermsFields({ idPrefix, current, errors, open }: { idPrefix: string; current?: Terms; errors: Record<string, string>; open?: boolean }) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <details class="offer-terms" open={open || Object.keys(errors).some((k) => ["bonus", "equity", "benefits", "start_date", "notes"].includes(k))}>
      <summary>Bonus, equity, benefits and start date</summary>
      <div class="stack--tight">
        <div class="offer-form__row">
          <Field label="Yearly bonus" name="bonus" id={id("bonus")} error={errors.bonus}>
            {(p) => <input {...p} inputMode="decimal" pattern="[0-9]+([.][0-9]{1,2})?" defaultValue={current?.bonus ?? ""} />}
          </Field>
          <Field label="Start date" name="start_date" id={id("start_date")} error={errors.start_date}>
            {(p) => <input {...p} type="date" defaultValue={current?.start_date ?? ""} />}
          </Field>
        </div>
        <Field label="Equity" name="equity" id={id("equity")} hint="For example: 0.1 % over four years, one-year cliff" error={errors.equity}>
          {(p) => <input {...p} maxLength={2000} defaultValue={current?.equity ?? ""} />}
        </Field>
        <Field label="Benefits" name="benefits" id={id("benefits")} hint="Pension, holidays, remote days, training budget…" error={errors.benefits}>
          {(p) => <textarea {...p} rows={2} maxLength={10000} defaultValue={current?.benefits ?? ""} />}
        </Field>
        <Field label="Notes" name="notes" id={id("notes")} error={errors.notes}>
          {(p) => <textarea {...p} rows={2} maxLength={10000} defaultValue={current?.notes ?? ""} />}
        </Field>
      </div>
    </details>
  );
}

/** The form's terms as the API takes them: an emptied field clears it (null). */
export function termsOf(v: Record<string, string | null | undefined>): Terms {
  const text = (k: string) => (v[k] ?? "").trim() || null;
  return { bonus: text("bonus"), equity: text("equity"), benefits: text("benefits"), start_date: text("start_date"), notes: text("notes") };
}
