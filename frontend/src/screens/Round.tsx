import { useMemo, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import type { Schemas } from "../api/client";
import { useApplication } from "../api/queries/applications";
import { useRoles, useUpdateQuestion, type Role } from "../api/queries/bank";
import {
  useCreateInterviewer,
  useDeleteInterviewer,
  useInterviewers,
  useReorderPanel,
  useRoundQuestions,
  useSetRoundQuestion,
  useUpdateInterviewer,
  type Interviewer,
  type RoundQuestion,
} from "../api/queries/panel";
import { usePlan, usePrepSheet } from "../api/queries/plan";
import { useRound, useUpdateRound, type Round } from "../api/queries/rounds";
import { Field, FormError, FormFooter, LabelOptions, formValues, numberOrNull, useFormErrors } from "../components/Form";
import { Page } from "../components/Layout";
import { ClosingBlock, Placement, PlacementBadges } from "./round/Closing";
import { Empty, ErrorState, Loading } from "../components/States";
import { RoundApplicationQuestions } from "./round/ApplicationQuestions";
import { ReadinessChecklist } from "./round/Readiness";
import { PersonTimeFields, PersonTiming, TIME_FIELDS, timeValues } from "./round/PersonTimeFields";
import { RunSheet } from "./round/RunSheet";
import {
  categoryLabel,
  formatDate,
  outcomeLabel,
  questionStatusLabel,
  roundKindLabel,
  roundStatusLabel,
} from "../labels";
import { ZoneField } from "../components/ZoneField";
import { formatDateTime, formatWhenWithZone, toZoneInput } from "../time";

export default function RoundScreen({ id }: { id: string }) {
  const round = useRound(id);
  const app = useApplication(round.data?.application_id);
  const [sheet, setSheet] = useState(false);
  if (round.isPending) return <Loading label="Loading the round" />;
  if (round.isError) return <ErrorState error={round.error} retry={() => round.refetch()} />;
  const r = round.data;
  const company = app.data?.company ?? "Application";
  return (
    <Page
      title={`Round ${r.sequence}: ${roundKindLabel[r.kind]}`}
      eyebrow={
        <Link href={`/applications/${r.application_id}`}>
          {company}
          {app.data ? ` · ${app.data.position}` : ""}
        </Link>
      }
      lead={
        <>
          {r.scheduled_at ? formatWhenWithZone(r.scheduled_at, r.time_zone) : "Not scheduled"}
          {r.duration_minutes ? ` · ${r.duration_minutes} min` : ""}
          {r.location ? ` · ${r.location}` : ""}
        </>
      }
      wide
      actions={
        <>
          <button type="button" class="btn btn--secondary" aria-expanded={sheet} onClick={() => setSheet((s) => !s)}>
            Prep sheet
          </button>
          <Link href={`/rounds/${r.id}/print`} class="btn btn--secondary">
            Print prep sheet
          </Link>
        </>
      }
    >
      {sheet && <PrepSheet roundId={r.id} close={() => setSheet(false)} />}
      <ReadinessChecklist roundId={r.id} applicationId={r.application_id} />
      <div class="grid-side">
        <div class="stack">
          <Panel round={r} />
          <RunSheet round={r} />
          <PlanSection round={r} />
        </div>
        <div class="stack no-print">
          <RoundApplicationQuestions round={r} company={app.data?.company ?? "this application"} />
          <Schedule round={r} />
          <Outcome round={r} />
        </div>
      </div>
    </Page>
  );
}

/* The prep sheet: the plan as Markdown, to copy into notes or a document. */
function PrepSheet({ roundId, close }: { roundId: string; close: () => void }) {
  const sheet = usePrepSheet(roundId, true);
  const [copied, setCopied] = useState(false);
  return (
    <section class="card stack no-print section" aria-labelledby="sheet-title">
      <div class="section__head">
        <h2 id="sheet-title">Prep sheet (Markdown)</h2>
        <div class="row">
          <button
            type="button"
            class="btn btn--primary btn--small"
            disabled={!sheet.data}
            onClick={async () => {
              await navigator.clipboard.writeText(sheet.data ?? "");
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
          <button type="button" class="btn btn--ghost btn--small" onClick={close}>
            Close
          </button>
        </div>
      </div>
      <p class="section__hint" aria-live="polite">
        {copied ? "Copied to the clipboard: paste it into your notes." : "The whole plan as text, for your notes or a document."}
      </p>
      {sheet.isPending ? (
        <Loading label="Writing the sheet" />
      ) : sheet.isError ? (
        <ErrorState error={sheet.error} retry={() => sheet.refetch()} />
      ) : (
        <pre class="sheet" tabIndex={0} aria-label="Prep sheet text">
          {sheet.data}
        </pre>
      )}
    </section>
  );
}

/* ---------- The panel: who you meet, in meeting order ---------- */

const PERSON_FIELDS = ["name", "title", "role_id", "greeting", "email", "phone", "profile_url", ...TIME_FIELDS, "notes"] as const;

function Panel({ round }: { round: Round }) {
  const people = useInterviewers(round.id);
  const roles = useRoles();
  const reorder = useReorderPanel(round.id);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const list = useMemo(() => [...(people.data ?? [])].sort((a, b) => a.order - b.order), [people.data]);
  const roleName = (id: string | null) => roles.data?.find((r) => r.id === id)?.name;

  function move(from: number, to: number) {
    if (to < 0 || to >= list.length || from === to) return;
    const next = [...list];
    const [person] = next.splice(from, 1);
    next.splice(to, 0, person!);
    reorder.mutate(next);
  }

  return (
    <section class="card no-print" aria-labelledby="panel-title">
      <div class="section__head">
        <h2 id="panel-title">Who you will meet</h2>
        {!adding && (
          <button type="button" class="btn btn--primary btn--small" onClick={() => setAdding(true)}>
            Add a person
          </button>
        )}
      </div>
      {people.isPending || roles.isPending ? (
        <Loading label="Loading the panel" />
      ) : people.isError ? (
        <ErrorState error={people.error} retry={() => people.refetch()} />
      ) : roles.isError ? (
        <ErrorState error={roles.error} retry={() => roles.refetch()} />
      ) : (
        <div class="stack">
          {list.length === 0 && !adding && (
            <Empty title="Nobody on the panel yet">
              Add each person you will meet, in the order you will meet them, with their role: the plan follows what each
              role cares about.
            </Empty>
          )}
          {list.length > 0 && (
            <ol class="panel-list" aria-label="Panel in meeting order">
              {list.map((p, index) => (
                <li
                  key={p.id}
                  class={`person ${dragged === p.id ? "person--dragging" : ""} ${over === p.id && dragged !== p.id ? "person--over" : ""}`}
                  draggable={editing !== p.id}
                  onDragStart={(e) => {
                    e.dataTransfer?.setData("text/plain", p.id);
                    setDragged(p.id);
                  }}
                  onDragEnd={() => {
                    setDragged(null);
                    setOver(null);
                  }}
                  onDragOver={(e) => {
                    e.preventDefault();
                    setOver(p.id);
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    const from = list.findIndex((x) => x.id === e.dataTransfer?.getData("text/plain"));
                    setOver(null);
                    if (from >= 0) move(from, index);
                  }}
                >
                  <span class="person__order" aria-hidden="true">
                    {index + 1}
                  </span>
                  <div>
                    <div class="person__name">{p.name}</div>
                    <div class="person__sub">
                      {[p.title, roleName(p.role_id) ?? "No role yet"].filter(Boolean).join(" · ")} ·{" "}
                      <PersonTiming roundId={round.id} person={p} />
                    </div>
                  </div>
                  <div class="person__tools">
                    <button
                      type="button"
                      class="btn btn--ghost btn--icon"
                      aria-label={`Move ${p.name} earlier`}
                      disabled={index === 0 || reorder.isPending}
                      onClick={() => move(index, index - 1)}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      class="btn btn--ghost btn--icon"
                      aria-label={`Move ${p.name} later`}
                      disabled={index === list.length - 1 || reorder.isPending}
                      onClick={() => move(index, index + 1)}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      class="btn btn--secondary btn--small"
                      aria-expanded={editing === p.id}
                      onClick={() => setEditing(editing === p.id ? null : p.id)}
                    >
                      Edit<span class="visually-hidden"> {p.name}</span>
                    </button>
                  </div>
                  {editing === p.id && (
                    <div class="person__edit">
                      <PersonForm roundId={round.id} roles={roles.data} person={p} done={() => setEditing(null)} />
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
          <FormError error={reorder.error} />
          {adding && (
            <div class="card card--flat">
              <h3 class="card__title">New person</h3>
              <PersonForm roundId={round.id} roles={roles.data} done={() => setAdding(false)} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function PersonForm({ roundId, roles, person, done }: { roundId: string; roles: Role[]; person?: Interviewer; done: () => void }) {
  const create = useCreateInterviewer(roundId);
  const update = useUpdateInterviewer(roundId);
  const remove = useDeleteInterviewer(roundId);
  const errors = useFormErrors(PERSON_FIELDS);
  const prefix = person ? `p-${person.id.slice(0, 8)}` : "p-new";
  const pending = create.isPending || update.isPending;
  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        const v = formValues(e.currentTarget);
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
        if (person) update.mutate({ id: person.id, body }, { onSuccess: done, onError: errors.show });
        else create.mutate(body, { onSuccess: done, onError: errors.show });
      }}
    >
      <div class="form-grid">
        <Field label="Name" name="name" id={`${prefix}-name`} error={errors.byField.name}>
          {(p) => <input {...p} required maxLength={200} defaultValue={person?.name ?? ""} autoComplete="off" />}
        </Field>
        <Field label="Title" name="title" id={`${prefix}-title`} error={errors.byField.title}>
          {(p) => <input {...p} maxLength={200} defaultValue={person?.title ?? ""} placeholder="e.g. Head of analytics" />}
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
          {(p) => <input {...p} maxLength={200} defaultValue={person?.greeting ?? ""} placeholder="e.g. Ms. Ortega" />}
        </Field>
        <PersonTimeFields roundId={roundId} prefix={prefix} person={person} errors={errors.byField} />
        <Field label="Email" name="email" id={`${prefix}-email`} error={errors.byField.email}>
          {(p) => <input {...p} type="email" maxLength={320} defaultValue={person?.email ?? ""} />}
        </Field>
        <Field label="Phone" name="phone" id={`${prefix}-phone`} error={errors.byField.phone}>
          {(p) => <input {...p} type="tel" maxLength={50} defaultValue={person?.phone ?? ""} placeholder="+44 20 7946 0958" />}
        </Field>
        <Field label="Profile link" name="profile_url" id={`${prefix}-profile`} error={errors.byField.profile_url} class="field--wide">
          {(p) => (
            <input {...p} type="url" pattern="https?://\S+" maxLength={2048} defaultValue={person?.profile_url ?? ""} placeholder="https://" />
          )}
        </Field>
        <Field label="Notes" name="notes" id={`${prefix}-notes`} error={errors.byField.notes} class="field--wide">
          {(p) => <textarea {...p} rows={3} maxLength={100000} defaultValue={person?.notes ?? ""} />}
        </Field>
      </div>
      <FormError error={errors.general ?? remove.error} />
      <div class="form-actions">
        {person && (
          <button
            type="button"
            class="btn btn--danger"
            onClick={() => {
              if (confirm(`Remove ${person.name} from this round?`)) remove.mutate(person.id, { onSuccess: done });
            }}
          >
            Remove
          </button>
        )}
        <span class="spacer" />
        <button type="button" class="btn btn--ghost" onClick={done}>
          Cancel
        </button>
        <button class="btn btn--primary" disabled={pending}>
          {person ? "Save" : "Add to the panel"}
        </button>
      </div>
    </form>
  );
}

/* ---------- The plan ---------- */

function PlanSection({ round }: { round: Round }) {
  const plan = usePlan(round.id);
  const entries = useRoundQuestions(round.id);
  const byQuestion = useMemo(
    () => new Map((entries.data ?? []).map((e) => [e.question_id, e] as const)),
    [entries.data],
  );
  return (
    <section aria-labelledby="plan-title" class="stack">
      <div class="section__head">
        <h2 id="plan-title">Your plan</h2>
        <p class="section__hint">Whom to ask what, in order, in the time you have with each person.</p>
      </div>
      {plan.isPending ? (
        <Loading label="Planning" />
      ) : plan.isError ? (
        <ErrorState error={plan.error} retry={() => plan.refetch()} />
      ) : plan.data.interviewers.length === 0 ? (
        <Empty title="The plan appears when the panel is set">
          Add the people you will meet above; each gets the questions their role cares about most.
        </Empty>
      ) : (
        <div class="plan">
          {plan.data.interviewers.map((person, index) => (
            <PlanCard
              key={person.interviewer_id}
              roundId={round.id}
              person={person}
              step={index + 1}
              entries={byQuestion}
              people={plan.data.interviewers}
            />
          ))}
          <Backlog
            roundId={round.id}
            backlog={plan.data.backlog}
            excluded={plan.data.excluded}
            entries={byQuestion}
            people={plan.data.interviewers}
          />
        </div>
      )}
    </section>
  );
}

function PlanCard(props: {
  roundId: string;
  person: Schemas["InterviewerPlanRead"];
  step: number;
  entries: Map<string, RoundQuestion>;
  people: Schemas["InterviewerPlanRead"][];
}) {
  const { person } = props;
  const work = person.questions.filter((q) => !q.closing);
  const closing = person.questions.filter((q) => q.closing);
  const item = (q: Schemas["PlannedQuestionRead"]) => (
    <PlannedItem key={q.question_id} roundId={props.roundId} q={q} entry={props.entries.get(q.question_id)} people={props.people} />
  );
  const used = Math.min(100, person.minutes_available ? (person.minutes_planned / person.minutes_available) * 100 : 0);
  return (
    <article class="plan-card" aria-labelledby={`plan-${person.interviewer_id}`}>
      <header class="plan-card__head">
        <span class="plan-card__step" aria-hidden="true">
          {props.step}
        </span>
        <div class="plan-card__who">
          <h3 class="plan-card__name" id={`plan-${person.interviewer_id}`}>
            {person.name}
          </h3>
          <div class="plan-card__role">
            {[person.title, person.role_name].filter(Boolean).join(" · ")}
            {person.deciding && <span class="badge badge--accent plan-card__decides">Decides</span>}
          </div>
        </div>
        <div class="minutes">
          <span>
            {person.minutes_planned} of {person.minutes_available} min
          </span>
          <span class="minutes__bar" aria-hidden="true">
            <span class="minutes__fill" ref={(el) => {
                if (el) el.style.width = `${used}%`;
              }} />
          </span>
        </div>
      </header>
      <div class="plan-card__body">
        {(person.greeting || person.goals) && (
          <div class="grid-2">
            {person.greeting && (
              <div class="greeting">
                <span class="greeting__label">Greet them</span>
                <span class="greeting__text">{person.greeting}</span>
              </div>
            )}
            {person.goals && (
              <div class="greeting">
                <span class="greeting__label">What they care about</span>
                <span class="cares">{person.goals}</span>
              </div>
            )}
          </div>
        )}
        <div class="stack--tight">
          <h4 class="plan-label">Ask, in this order</h4>
          {person.questions.length === 0 ? (
            <p class="muted small">No question fits this person's role and time. Give them more minutes or another role.</p>
          ) : (
            work.length > 0 && <ol class="qlist">{work.map(item)}</ol>
          )}
          {closing.length > 0 && (
            <ClosingBlock person={person} after={work.length}>
              {closing.map(item)}
            </ClosingBlock>
          )}
        </div>
        {person.expect.length > 0 && (
          <div class="stack--tight">
            <h4 class="plan-label">They will likely ask you</h4>
            <ul class="expect">
              {person.expect.map((q) => (
                <ExpectedItem key={q.question_id} q={q} />
              ))}
            </ul>
          </div>
        )}
      </div>
    </article>
  );
}

function PlannedItem({
  roundId,
  q,
  entry,
  people,
}: {
  roundId: string;
  q: Schemas["PlannedQuestionRead"];
  entry: RoundQuestion | undefined;
  people: Schemas["InterviewerPlanRead"][];
}) {
  const set = useSetRoundQuestion(roundId);
  const status = entry?.status ?? "planned";
  const [notesOpen, setNotesOpen] = useState(false);
  const mark = (s: Schemas["RoundQuestionStatus"]) =>
    set.mutate({ questionId: q.question_id, change: { status: status === s ? "planned" : s } });
  return (
    <li class={`q ${q.pinned ? "q--pinned" : ""} ${status === "answered" ? "q--answered" : ""} ${status === "skipped" ? "q--skipped" : ""}`}>
      <div class="q__main">
        <span class="q__text">{q.text}</span>
        <div class="q__row">
          <div class="q__meta">
            {q.pinned && <span class="badge badge--pin">Pinned</span>}
            <PlacementBadges q={q} />
            {status !== "planned" && (
              <span class={`badge ${status === "answered" ? "badge--ok" : status === "asked" ? "badge--accent" : ""}`}>
                {questionStatusLabel[status]}
              </span>
            )}
            <span class="badge">{categoryLabel[q.category]}</span>
            <span class="badge">{q.minutes} min</span>
          </div>
          <div class="q__actions" role="group" aria-label={`Record: ${q.text}`}>
            <button
              type="button"
              class="btn btn--secondary btn--small"
              aria-pressed={q.pinned}
              onClick={() => set.mutate({ questionId: q.question_id, change: { pinned: !q.pinned } })}
            >
              {q.pinned ? "Unpin" : "Pin"}
            </button>
            {(["asked", "answered", "skipped"] as const).map((s) => (
              <button key={s} type="button" class="btn btn--secondary btn--small" aria-pressed={status === s} onClick={() => mark(s)}>
                {questionStatusLabel[s]}
              </button>
            ))}
            <button type="button" class="btn btn--ghost btn--small" aria-expanded={notesOpen} onClick={() => setNotesOpen((o) => !o)}>
              Notes
            </button>
          </div>
        </div>
        <details>
          <summary>Why this question</summary>
          <ul class="q__reasons">
            {q.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </details>
        <details class="q__move no-print">
          <summary>Give it to someone, or ask it at the end</summary>
          <Placement roundId={roundId} questionId={q.question_id} text={q.text} atEnd={q.closing} entry={entry} people={people} />
        </details>
        {entry?.answer_notes && !notesOpen && <p class="small muted">Notes: {entry.answer_notes}</p>}
        {notesOpen && (
          <form
            class="stack--tight"
            onSubmit={(e) => {
              e.preventDefault();
              const v = formValues(e.currentTarget);
              set.mutate({ questionId: q.question_id, change: { answer_notes: v.answer_notes } }, { onSuccess: () => setNotesOpen(false) });
            }}
          >
            <Field label="What they answered" name="answer_notes" id={`notes-${q.question_id}`}>
              {(p) => <textarea {...p} rows={3} maxLength={100000} defaultValue={entry?.answer_notes ?? ""} />}
            </Field>
            <div class="form-actions">
              <button class="btn btn--primary btn--small" disabled={set.isPending}>
                Save notes
              </button>
            </div>
          </form>
        )}
        <FormError error={set.error} />
      </div>
    </li>
  );
}

function ExpectedItem({ q }: { q: Schemas["ExpectedQuestionRead"] }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateQuestion();
  const errors = useFormErrors(["prepared_answer"]);
  return (
    <li>
      <span class="q__text">{q.text}</span>
      {q.prepared_answer && !open ? (
        <p class="expect__answer">
          <span class="visually-hidden">Your prepared answer: </span>
          {q.prepared_answer}
        </p>
      ) : (
        !open && <p class="expect__answer muted">No answer prepared yet.</p>
      )}
      {open ? (
        <form
          class="stack--tight no-print"
          onSubmit={(e) => {
            e.preventDefault();
            errors.clear();
            const v = formValues(e.currentTarget);
            update.mutate({ id: q.question_id, body: { prepared_answer: v.prepared_answer } }, { onSuccess: () => setOpen(false), onError: errors.show });
          }}
        >
          <Field label="Your prepared answer" name="prepared_answer" id={`answer-${q.question_id}`} error={errors.byField.prepared_answer}>
            {(p) => <textarea {...p} rows={4} maxLength={100000} defaultValue={q.prepared_answer ?? ""} />}
          </Field>
          <FormFooter
            error={errors.general}
            pending={update.isPending}
            cancel={() => setOpen(false)}
            submit="Save answer"
            small
          />
        </form>
      ) : (
        <div class="q__actions">
          <button type="button" class="btn btn--ghost btn--small" onClick={() => setOpen(true)}>
            {q.prepared_answer ? "Edit answer" : "Prepare an answer"}
            <span class="visually-hidden"> to: {q.text}</span>
          </button>
        </div>
      )}
    </li>
  );
}

function Backlog(props: {
  roundId: string;
  backlog: Schemas["BacklogEntryRead"][];
  excluded: Schemas["ExcludedEntryRead"][];
  entries: Map<string, RoundQuestion>;
  people: Schemas["InterviewerPlanRead"][];
}) {
  const set = useSetRoundQuestion(props.roundId);
  if (props.backlog.length === 0 && props.excluded.length === 0) return null;
  return (
    <section class="card" aria-labelledby="backlog-title">
      <div class="section__head">
        <h3 id="backlog-title">Left out this time</h3>
        <p class="section__hint">Pin one to ask it anyway: pinned questions come first.</p>
      </div>
      <div class="stack">
        {props.backlog.length > 0 && (
          <ul class="backlog" aria-label="Backlog">
            {props.backlog.map((b) => (
              <li key={b.question_id}>
                <span>{b.text}</span>
                <button
                  type="button"
                  class="btn btn--secondary btn--small no-print"
                  onClick={() => set.mutate({ questionId: b.question_id, change: { pinned: true } })}
                >
                  Pin<span class="visually-hidden">: {b.text}</span>
                </button>
                <span class="backlog__reason">{b.reason}</span>
                {props.entries.get(b.question_id)?.interviewer_id && (
                  <Placement
                    roundId={props.roundId}
                    questionId={b.question_id}
                    text={b.text}
                    atEnd={props.entries.get(b.question_id)?.at_end === true}
                    entry={props.entries.get(b.question_id)}
                    people={props.people}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        {props.excluded.length > 0 && (
          <details>
            <summary class="small">Already settled in earlier rounds ({props.excluded.length})</summary>
            <ul class="backlog">
              {props.excluded.map((x) => (
                <li key={x.question_id}>
                  <span>{x.text}</span>
                  <span />
                  <span class="backlog__reason">
                    {x.reason}
                    {x.answer_notes ? `: “${x.answer_notes}”` : ""}
                  </span>
                </li>
              ))}
            </ul>
          </details>
        )}
        <FormError error={set.error} />
      </div>
    </section>
  );
}

/* ---------- Schedule and outcome ---------- */

function Schedule({ round }: { round: Round }) {
  const update = useUpdateRound();
  const errors = useFormErrors(["kind", "scheduled_at", "time_zone", "duration_minutes", "location", "notes"]);
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title" class="card__title">
        Schedule and place
      </h2>
      <form
        class="stack"
        key={round.updated_at}
        onSubmit={(e) => {
          e.preventDefault();
          errors.clear();
          setSaved(false);
          const v = formValues(e.currentTarget);
          update.mutate(
            {
              id: round.id,
              body: {
                kind: v.kind as Schemas["RoundKind"],
                // The wall clock as typed, read by the server in the zone chosen beside it.
                scheduled_at: v.scheduled_at ?? null,
                time_zone: v.time_zone ?? round.time_zone,
                duration_minutes: numberOrNull(v.duration_minutes),
                location: v.location,
                notes: v.notes,
              },
            },
            { onSuccess: () => setSaved(true), onError: errors.show },
          );
        }}
      >
        <Field label="Kind" name="kind" id="s-kind" error={errors.byField.kind}>
          {(p) => (
            <select {...p}>
              <LabelOptions labels={roundKindLabel} selected={round.kind} />
            </select>
          )}
        </Field>
        <Field
          label="Date and time"
          name="scheduled_at"
          id="s-when"
          hint="On the clock of the round's time zone."
          error={errors.byField.scheduled_at}
        >
          {(p) => <input {...p} type="datetime-local" defaultValue={toZoneInput(round.scheduled_at, round.time_zone)} />}
        </Field>
        <ZoneField id="s-zone" defaultValue={round.time_zone} hint="Where the interview happens." error={errors.byField.time_zone} />
        <Field label="Length (minutes)" name="duration_minutes" id="s-length" error={errors.byField.duration_minutes}>
          {(p) => <input {...p} type="number" min={1} max={1440} defaultValue={round.duration_minutes ?? ""} />}
        </Field>
        <Field label="Place or video link" name="location" id="s-place" error={errors.byField.location}>
          {(p) => <input {...p} maxLength={2000} defaultValue={round.location ?? ""} />}
        </Field>
        <Field label="Notes" name="notes" id="s-notes" error={errors.byField.notes}>
          {(p) => <textarea {...p} rows={3} maxLength={100000} defaultValue={round.notes ?? ""} />}
        </Field>
        <FormFooter error={errors.general} pending={update.isPending} saved={saved && "Saved"} submit="Save schedule" />
      </form>
    </section>
  );
}

function Outcome({ round }: { round: Round }) {
  const update = useUpdateRound();
  const errors = useFormErrors(["status", "outcome", "decision_expected_by", "follow_up_on"]);
  const [saved, setSaved] = useState(false);
  return (
    <section class="card" aria-labelledby="outcome-title">
      <h2 id="outcome-title" class="card__title">
        After the interview
      </h2>
      {round.follow_up_on && round.outcome === "pending" && !round.followed_up_at && (
        <p class="notice notice--warning small">Call them on {formatDate(round.follow_up_on)} if you have not heard back.</p>
      )}
      {round.followed_up_at && (
        <p class="notice notice--ok small">
          You followed up on {formatDateTime(round.followed_up_at, round.time_zone)}
          {round.follow_up_note ? `: ${round.follow_up_note}` : "."}
        </p>
      )}
      <form
        class="stack"
        key={round.updated_at}
        onSubmit={(e) => {
          e.preventDefault();
          errors.clear();
          setSaved(false);
          const v = formValues(e.currentTarget);
          update.mutate(
            {
              id: round.id,
              body: {
                status: v.status as Schemas["RoundStatus"],
                outcome: v.outcome as Schemas["Outcome"],
                decision_expected_by: v.decision_expected_by,
                ...(v.follow_up_on ? { follow_up_on: v.follow_up_on } : {}),
              },
            },
            { onSuccess: () => setSaved(true), onError: errors.show },
          );
        }}
      >
        <Field label="Round status" name="status" id="o-status" error={errors.byField.status}>
          {(p) => (
            <select {...p}>
              <LabelOptions labels={roundStatusLabel} selected={round.status} />
            </select>
          )}
        </Field>
        <Field label="Outcome" name="outcome" id="o-outcome" error={errors.byField.outcome}>
          {(p) => (
            <select {...p}>
              <LabelOptions labels={outcomeLabel} selected={round.outcome} />
            </select>
          )}
        </Field>
        <Field
          label="Decision expected by"
          name="decision_expected_by"
          id="o-decision"
          hint="Ask at the end of the interview when they will decide."
          error={errors.byField.decision_expected_by}
        >
          {(p) => <input {...p} type="date" min="1900-01-01" max="2999-12-31" defaultValue={round.decision_expected_by ?? ""} />}
        </Field>
        <Field
          label="Follow up on"
          name="follow_up_on"
          id="o-follow"
          hint="Defaults to the next business day after the decision date."
          error={errors.byField.follow_up_on}
        >
          {(p) => <input {...p} type="date" min="1900-01-01" max="2999-12-31" defaultValue={round.follow_up_on ?? ""} />}
        </Field>
        <FormFooter error={errors.general} pending={update.isPending} saved={saved && "Saved"} submit="Save outcome" />
      </form>
    </section>
  );
}
