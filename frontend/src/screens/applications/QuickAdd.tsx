// Add an application with just its company and position.
import { useLocation } from "wouter-preact";
import { useCreateApplication } from "../../api/queries/applications";
import { Field, FormError, formValues, useFormErrors } from "../../components/Form";
import { limits } from "../../api/limits";

export function QuickAdd() {
  const create = useCreateApplication();
  const errors = useFormErrors(["company", "position"]);
  const [, navigate] = useLocation();
  return (
    <form
      class="card quick-add"
      aria-labelledby="quick-add-title"
      onSubmit={(event) => {
        event.preventDefault();
        errors.clear();
        const form = event.currentTarget;
        const v = formValues(form);
        create.mutate(
          { company: v.company ?? "", position: v.position ?? "" },
          {
            onSuccess: (app) => {
              form.reset();
              navigate(`/applications/${app.id}`);
            },
            onError: errors.show,
          },
        );
      }}
    >
      <h2 id="quick-add-title" class="quick-add__title">
        Add an application
      </h2>
      <Field label="Company" name="company" error={errors.byField.company}>
        {(p) => <input {...p} required {...limits.ApplicationCreate.company} placeholder="e.g. Halvorsen Research" />}
      </Field>
      <Field label="Position" name="position" error={errors.byField.position}>
        {(p) => <input {...p} required {...limits.ApplicationCreate.position} placeholder="e.g. Data analyst" />}
      </Field>
      <button class="btn btn--primary" disabled={create.isPending}>
        {create.isPending ? "Adding…" : "Add application"}
      </button>
      <FormError error={errors.general} />
    </form>
  );
}
