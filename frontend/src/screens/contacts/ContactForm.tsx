// A contact's details as a form: adding one by hand, and editing one on its page.
import type { Schemas } from "../../api/client";
import { limits } from "../../api/limits";
import { Field, FormFooter, useFormErrors } from "../../components/Form";

const FIELDS = ["name", "title", "company", "phone", "email", "profile_url", "notes"] as const;
type Values = Schemas["ContactCreate"];

export function ContactForm(props: {
  initial?: Partial<Record<(typeof FIELDS)[number], string | null>>;
  submit: string;
  pending: boolean;
  saved?: string | false;
  cancel?: () => void;
  label: string;
  onSave: (values: Values, errors: ReturnType<typeof useFormErrors>) => void;
}) {
  const errors = useFormErrors(FIELDS);
  const v = props.initial ?? {};
  const l = limits.ContactCreate;
  return (
    <form
      class="stack contact-form"
      aria-label={props.label}
      onSubmit={errors.submit((values) => {
        const body: Values = {
          name: values.name ?? "",
          title: values.title,
          company: values.company,
          phone: values.phone,
          email: values.email,
          profile_url: values.profile_url,
          notes: values.notes,
        };
        props.onSave(body, errors);
      })}
    >
      <div class="contact-form__grid">
        <Field label="Name" name="name" error={errors.byField.name}>
          {(p) => <input {...p} {...l.name} required defaultValue={v.name ?? ""} autoComplete="off" />}
        </Field>
        <Field label="Job title" name="title" error={errors.byField.title}>
          {(p) => <input {...p} {...l.title} defaultValue={v.title ?? ""} />}
        </Field>
        <Field label="Company" name="company" error={errors.byField.company}>
          {(p) => <input {...p} {...l.company} defaultValue={v.company ?? ""} />}
        </Field>
        <Field label="Phone" name="phone" error={errors.byField.phone} hint="With the country code, e.g. +1 555 0100 x 12.">
          {(p) => <input {...p} {...l.phone} type="tel" inputMode="tel" defaultValue={v.phone ?? ""} />}
        </Field>
        <Field label="Email" name="email" error={errors.byField.email}>
          {(p) => <input {...p} {...l.email} type="email" defaultValue={v.email ?? ""} />}
        </Field>
        <Field label="Profile link" name="profile_url" error={errors.byField.profile_url} hint="Their LinkedIn or company page.">
          {(p) => <input {...p} {...l.profile_url} type="url" placeholder="https://" defaultValue={v.profile_url ?? ""} />}
        </Field>
      </div>
      <Field label="Notes" name="notes" error={errors.byField.notes} hint="How to greet them, what they care about, when to call.">
        {(p) => <textarea {...p} {...l.notes} rows={4} defaultValue={v.notes ?? ""} />}
      </Field>
      <FormFooter error={errors.general} pending={props.pending} submit={props.submit} saved={props.saved} cancel={props.cancel} />
    </form>
  );
}
