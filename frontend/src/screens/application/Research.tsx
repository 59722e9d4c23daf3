// The company research notes of an application, written before the interviews.
import { useState } from "preact/hooks";
import { useUpdateApplication, type Application } from "../../api/queries/applications";
import { Field, FormFooter, useFormErrors } from "../../components/Form";
import { Markdown } from "../../components/Markdown";
import { Empty } from "../../components/States";
import { limits } from "../../api/limits";

export function Research({ app }: { app: Application }) {
  const [editing, setEditing] = useState(false);
  const update = useUpdateApplication();
  const errors = useFormErrors(["company_research"]);
  return (
    <section class="card" aria-labelledby="research-title">
      <div class="section__head">
        <h2 id="research-title">Company research</h2>
        {!editing && (
          <button type="button" class="btn btn--secondary btn--small" onClick={() => setEditing(true)}>
            {app.company_research ? "Edit notes" : "Write notes"}
          </button>
        )}
      </div>
      {editing ? (
        <form
          data-unsaved="Research notes"
          class="stack"
          onSubmit={errors.submit((v) => {
            update.mutate(
              { app, body: { company_research: v.company_research } },
              { onSuccess: () => setEditing(false), onError: errors.show },
            );
          })}
        >
          <Field
            label="Notes (Markdown)"
            name="company_research"
            hint="Background, products, news, what they expect from this role. **bold**, - lists and [links](https://…) work."
            error={errors.byField.company_research}
          >
            {(p) => <textarea {...p} rows={10} {...limits.ApplicationUpdate.company_research} defaultValue={app.company_research ?? ""} />}
          </Field>
          <FormFooter
            error={errors.general}
            pending={update.isPending}
            cancel={() => setEditing(false)}
            submit="Save notes"
          />
        </form>
      ) : app.company_research ? (
        <Markdown text={app.company_research} />
      ) : (
        <Empty title="No research yet">
          Interviewers notice when you know the company: its history, products, recent news and what this role is
          for. Write it down here.
        </Empty>
      )}
    </section>
  );
}
