// The application's activity log, newest first: calls, emails, notes, and the status and outcome
// changes the server wrote. An edited entry says so, with what it said before one tap away.
import { useState } from "preact/hooks";
import { useActivity, useAddActivity, useEditActivity, type ActivityEntry } from "../../api/queries/activity";
import type { Application } from "../../api/queries/applications";
import { usePeopleOfRounds } from "../../api/queries/interviewers";
import { useMe } from "../../api/queries/me";
import { useRounds } from "../../api/queries/rounds";
import { limits } from "../../api/limits";
import type { Schemas } from "../../api/client";
import { FormError, formValues } from "../../components/Form";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatDate } from "../../labels";
import { browserZone, formatDateTime } from "../../time";

export const activityKindLabel: Record<Schemas["ActivityKind"], string> = {
  note: "Note",
  call: "Call",
  email: "Email",
  message: "Message",
  status_change: "Status",
  outcome: "Outcome",
  offer_event: "Offer",
  thank_you: "Thank-you note",
};
// What a person may add by hand; status and outcome entries come from the changes themselves.
const WRITABLE: Schemas["ActivityKind"][] = ["note", "call", "email", "message", "thank_you", "offer_event"];

export function Timeline({ app }: { app: Application }) {
  const log = useActivity(app.id);
  const zone = useMe().data?.time_zone ?? browserZone();
  const [adding, setAdding] = useState(false);
  return (
    <section class="card" aria-labelledby="activity-title">
      <div class="section__head">
        <h2 id="activity-title">Activity</h2>
        {!adding && (
          <button type="button" class="btn btn--primary btn--small" onClick={() => setAdding(true)}>
            Add an entry
          </button>
        )}
      </div>
      {adding && <AddEntry app={app} done={() => setAdding(false)} />}
      {log.isPending ? (
        <Loading label="Loading the activity" />
      ) : log.isError ? (
        <ErrorState error={log.error} retry={() => log.refetch()} />
      ) : log.data.length === 0 ? (
        !adding && <Empty title="Nothing logged yet">Calls, emails and notes about this application appear here, newest first.</Empty>
      ) : (
        <ol class="activity-log" aria-label="Activity, newest first">
          {log.data.map((e) => (
            <Entry key={e.id} entry={e} zone={zone} applicationId={app.id} />
          ))}
        </ol>
      )}
    </section>
  );
}

function Entry({ entry, zone, applicationId }: { entry: ActivityEntry; zone: string; applicationId: string }) {
  const [editing, setEditing] = useState(false);
  const edit = useEditActivity(applicationId);
  const automatic = entry.kind === "status_change" || entry.kind === "outcome";
  return (
    <li class="activity-log__item">
      <div class="activity-log__head">
        <span class="badge">{activityKindLabel[entry.kind]}</span>
        {entry.person_name && <span class="activity-log__who">with {entry.person_name}</span>}
        <time class="small muted" dateTime={entry.occurred_at}>
          {formatDateTime(entry.occurred_at, zone)}
        </time>
        {entry.edited && <span class="badge badge--warn">edited</span>}
      </div>
      {editing ? (
        <form
          class="stack--tight"
          onSubmit={(ev) => {
            ev.preventDefault();
            const v = formValues(ev.currentTarget);
            edit.mutate({ entry, text: v.text ?? "" }, { onSuccess: () => setEditing(false) });
          }}
        >
          <label for={`edit-${entry.id}`}>New text</label>
          <textarea id={`edit-${entry.id}`} name="text" rows={3} {...limits.ActivityUpdate.text} defaultValue={entry.text} />
          <div class="row">
            <button class="btn btn--primary btn--small" disabled={edit.isPending}>
              Save the correction
            </button>
            <button type="button" class="btn btn--small" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
          <FormError error={edit.error} />
        </form>
      ) : (
        <p class="activity-log__text">{entry.text || <span class="muted">(no words)</span>}</p>
      )}
      {entry.next_follow_up_on && <p class="small">Next follow-up on {formatDate(entry.next_follow_up_on)}</p>}
      {entry.edited && (
        <details class="small">
          <summary>Show what it said before</summary>
          <ul class="activity-log__revisions">
            {entry.revisions.map((r, i) => (
              <li key={i}>
                <span class="muted">Until {formatDateTime(r.replaced_at, zone)}:</span> <q>{r.text || "(no words)"}</q>
              </li>
            ))}
          </ul>
        </details>
      )}
      {!automatic && !editing && (
        <button type="button" class="btn btn--ghost btn--small" onClick={() => setEditing(true)}>
          Correct<span class="visually-hidden"> this {activityKindLabel[entry.kind].toLowerCase()}</span>
        </button>
      )}
    </li>
  );
}

function AddEntry({ app, done }: { app: Application; done: () => void }) {
  const add = useAddActivity(app.id);
  const [kind, setKind] = useState<Schemas["ActivityKind"]>("note");
  const rounds = useRounds(app.id).data ?? [];
  const people = usePeopleOfRounds(
    rounds.map((r) => r.id),
    true,
  );
  return (
    <form
      class="stack--tight activity-form"
      data-unsaved="Activity entry"
      onSubmit={(ev) => {
        ev.preventDefault();
        const v = formValues(ev.currentTarget);
        add.mutate(
          {
            kind,
            text: v.text ?? "",
            occurred_at: v.occurred_at || null,
            next_follow_up_on: kind === "call" ? v.next_follow_up_on || null : null,
            interviewer_id: v.interviewer_id || null,
            channel: kind === "call" ? "phone" : kind === "email" ? "email" : kind === "message" ? "message" : null,
          },
          { onSuccess: done },
        );
      }}
    >
      <div class="activity-form__row">
        <label>
          Kind
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Schemas["ActivityKind"])}>
            {WRITABLE.map((k) => (
              <option key={k} value={k}>
                {activityKindLabel[k]}
              </option>
            ))}
          </select>
        </label>
        {people.length > 0 && (
          <label>
            With
            <select name="interviewer_id" defaultValue="">
              <option value="">Nobody in particular</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                  {p.title ? `, ${p.title}` : ""}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          When (leave empty for now)
          <input type="datetime-local" name="occurred_at" />
        </label>
        {kind === "call" && (
          <label>
            Next follow-up on
            <input type="date" name="next_follow_up_on" />
          </label>
        )}
      </div>
      <label>
        What happened
        <textarea name="text" rows={3} {...limits.ActivityCreate.text} />
      </label>
      <div class="row">
        <button class="btn btn--primary" disabled={add.isPending}>
          Add to the log
        </button>
        <button type="button" class="btn" onClick={done}>
          Cancel
        </button>
      </div>
      <FormError error={add.error} />
    </form>
  );
}
