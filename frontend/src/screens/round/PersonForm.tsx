// Add a person to the panel, or change or remove one.
import { useCreateInterviewer, useDeleteInterviewer, useUpdateInterviewer, type Interviewer } from "../../api/queries/interviewers";
import type { Role } from "../../api/queries/roles";
import { Field, FormError, useFormErrors } from "../../components/Form";
import { PersonTimeFields, TIME_FIELDS, timeValues } from "./PersonTimeFields";
import { limits } from "../../api/limits";

const PERSON_FIELDS = ["name", "title", "role_id", "greeting", "email", "phone", "profile_url", ...TIME_FIELDS, "notes"] as const;

export function PersonForm({ roundId, roles, person, done }: { roundId: string; roles: Role[]; person?: Interviewer; done: () => void }) {
  const create = useCreateInterviewer(roundId);
  const update = useUpdateInterviewer(roundId);
  const remove = useDeleteInterviewer(roundId);
  const errors = useFormErrors(PERSON_FIELDS);
  const prefix = person ? `p-${person.id.slice(0, 8)}` : "p-new";
  const pending = create.isPending || update.isPending;
  return (
    <form
      data-unsaved={person ? `Edit ${person.name}` : "New person"}
      class="stack"
      onSubmit={errors.submit((v) => {
        const body = {
          name: v.name ?? "",
          title: v.title,
          role_id: v.role_id,
          greeting: v.greeting,
          email: v.email,
          profile_url: v.profile_url,
          phone: v.phone,
          ...timeValues(v),
          notes: v.notes,
        };
        if (person) update.mutate({ person, body }, { onSuccess: done, onError: errors.show });
        else create.mutate(body, { onSuccess: done, onError: errors.show });
      })}
    >
      <div class="form-grid">
        <Field label="Name" name="name" id={`${prefix}-name`} error={errors.byField.name}>
          {(p) => <input {...p} required {...limits.InterviewerUpdate.name} defaultValue={person?.name ?? ""} autoComplete="off" />}
        </Field>
        <Field label="Title" name="title" id={`${prefix}-title`} error={errors.byField.title}>
          {(p) => <input {...p} {...limits.InterviewerUpdate.title} defaultValue={person?.title ?? ""} placeholder="e.g. Head of analytics" />}
        </Field>
        <Field label="Role" name="role_id" id={`${prefix}-role`} error={errors.byField.role_id}>
          {(p) => (
            <select {...p}>
              <option value="">No role</option>
              {roles.map((r) => (
                <option key={r.id} value={r.id} selected={r.id === person?.role_id}>
                  {r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Greeting" name="greeting" id={`${prefix}-greeting`} hint="How to address them" error={errors.byField.greeting}>
          {(p) => <input {...p} {...limits.InterviewerUpdate.greeting} defaultValue={person?.greeting ?? ""} placeholder="e.g. Ms. Ortega" />}
        </Field>
        <PersonTimeFields roundId={roundId} prefix={prefix} person={person} errors={errors.byField} />
        <Field label="Email" name="email" id={`${prefix}-email`} error={errors.byField.email}>
          {(p) => <input {...p} type="email" {...limits.InterviewerUpdate.email} defaultValue={person?.email ?? ""} />}
        </Field>
        <Field label="Phone" name="phone" id={`${prefix}-phone`} error={errors.byField.phone}>
          {(p) => <input {...p} type="tel" {...limits.InterviewerUpdate.phone} defaultValue={person?.phone ?? ""} placeholder="+44 20 7946 0958" />}
        </Field>
        <Field label="Profile link" name="profile_url" id={`${prefix}-profile`} error={errors.byField.profile_url} class="field--wide">
          {(p) => (
            <input {...p} type="url" pattern="https?://\S+" {...limits.InterviewerUpdate.profile_url} defaultValue={person?.profile_url ?? ""} placeholder="https://" />
          )}
        </Field>
        <Field label="Notes" name="notes" id={`${prefix}-notes`} error={errors.byField.notes} class="field--wide">
          {(p) => <textarea {...p} rows={3} {...limits.InterviewerUpdate.notes} defaultValue={person?.notes ?? ""} />}
        </Field>
      </div>
      <FormError error={errors.general ?? remove.error} />
      <div class="form-actions">
        {person && (
          <button
            type="button"
            class="btn btn--danger"
            onClick={() => {
              // Removing rewrites the day's plan; cancelling keeps the person and what was recorded with them.
              const lost =
                `Remove ${person.name} from this round? Their details go, the questions you marked asked, answered ` +
                `or skipped with them are no longer kept on their card (they are planned again; your notes stay), and ` +
                `questions you gave them go back to the plan. If the meeting is simply off, press "Cancelled" instead: ` +
                `it keeps them and what you recorded.`;
              if (confirm(lost)) remove.mutate(person, { onSuccess: done });
            }}
          >
            Remove
          </button>
        )}
        <span class="spacer" />
        <button type="button" class="btn btn--ghost" data-discard onClick={done}>
          Cancel
        </button>
        <button class="btn btn--primary" disabled={pending}>
          {person ? "Save" : "Add to the panel"}
        </button>
      </div>
    </form>
  );
}
