import { useMemo, useState } from "preact/hooks";
import type { Schemas } from "../api/client";
import { useCreateQuestion, useQuestions, useUpdateQuestion, type Question } from "../api/queries/questions";
import { useRoles, type Role } from "../api/queries/roles";
import { Field, FormError, FormFooter, numberOrNull, useFormErrors } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { CATEGORIES, categoryLabel } from "../labels";
import { ScopeBadge, ScopeField, ScopeFilter, scopeFromUrl, scopeMatches } from "./questions/Scope";
import { ClosingBadges, ClosingFlags, closingFlagsOf } from "./questions/ClosingFlags";
import { limits } from "../api/limits";

type Direction = Schemas["Direction"];
const DIRECTION_LABEL: Record<Direction, string> = { ask: "You ask them", expect: "They ask you" };

export default function Questions() {
  const questions = useQuestions();
  const roles = useRoles();
  const [direction, setDirection] = useState<Direction>("ask");
  const [category, setCategory] = useState<string>("");
  const [query, setQuery] = useState("");
  const [archived, setArchived] = useState(false);
  const [adding, setAdding] = useState(false);
  const [scope, setScope] = useState(scopeFromUrl);

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (questions.data ?? []).filter(
      (x) =>
        x.direction === direction &&
        x.archived === archived &&
        (!category || x.category === category) &&
        scopeMatches(x, scope) &&
        (!q || x.text.toLowerCase().includes(q) || (x.prepared_answer ?? "").toLowerCase().includes(q)),
    );
  }, [questions.data, direction, category, query, archived, scope]);

  return (
    <Page
      title="Question bank"
      lead="The questions your plans draw on: the bank serves every application, a question written for one application only its rounds. Importance and the roles they suit decide who is asked what."
      actions={
        !adding && (
          <button type="button" class="btn btn--primary" onClick={() => setAdding(true)}>
            Add a question
          </button>
        )
      }
    >
      {adding && roles.data && <NewQuestion roles={roles.data} direction={direction} done={() => setAdding(false)} />}
      <div class="toolbar">
        <div class="segmented" role="group" aria-label="Direction">
          {(["ask", "expect"] as const).map((d) => (
            <button key={d} type="button" class="btn btn--ghost" aria-pressed={direction === d} onClick={() => setDirection(d)}>
              {DIRECTION_LABEL[d]}
            </button>
          ))}
        </div>
        <Field label="Category" name="category-filter">
          {(p) => (
            <select {...p} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">All categories</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {categoryLabel[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ScopeFilter value={scope} onChange={setScope} />
        <Field label="Search" name="question-search">
          {(p) => <input {...p} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />}
        </Field>
        <label class="check">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} />
          Show archived
        </label>
      </div>
      {questions.isPending || roles.isPending ? (
        <Loading label="Loading your questions" />
      ) : questions.isError ? (
        <ErrorState error={questions.error} retry={() => questions.refetch()} />
      ) : roles.isError ? (
        <ErrorState error={roles.error} retry={() => roles.refetch()} />
      ) : shown.length === 0 ? (
        <Empty title={archived ? "Nothing archived here" : "No questions match"}>
          {archived ? "Archived questions are kept out of every plan." : "Change the filters, or add a question."}
        </Empty>
      ) : (
        <ul class="bank-list" aria-label="Questions">
          {shown.map((q) => (
            <QuestionItem key={q.id} q={q} roles={roles.data} />
          ))}
        </ul>
      )}
    </Page>
  );
}

function QuestionItem({ q, roles }: { q: Question; roles: Role[] }) {
  const update = useUpdateQuestion();
  const [editing, setEditing] = useState(false);
  const targets = roles.filter((r) => q.target_role_ids.includes(r.id)).map((r) => r.name);
  return (
    <li class={`bank-item ${q.archived ? "bank-item--archived" : ""}`}>
      <div class="bank-item__top">
        <div class="stack--tight">
          <span class="q__text">{q.text}</span>
          {q.direction === "expect" && (
            <p class="expect__answer">{q.prepared_answer ? `Your answer: ${q.prepared_answer}` : "No answer prepared yet."}</p>
          )}
          {q.direction === "expect" && q.tip && (
            <p class="expect__tip">
              <span class="expect__tip-label">Tip</span> {q.tip}
            </p>
          )}
        </div>
        <button type="button" class="btn btn--ghost btn--small" aria-expanded={editing} onClick={() => setEditing((x) => !x)}>
          Edit<span class="visually-hidden">: {q.text}</span>
        </button>
      </div>
      <div class="bank-item__controls">
        <ScopeBadge q={q} />
        <span class="badge">{categoryLabel[q.category]}</span>
        <span class="badge">{q.minutes} min</span>
        <span class="badge">{targets.length ? `For: ${targets.join(", ")}` : "Any role"}</span>
        <ClosingBadges q={q} />
        <label class="row">
          <span class="small">Importance</span>
          <select
            value={String(q.importance)}
            aria-label={`Importance of: ${q.text}`}
            onChange={(e) => update.mutate({ question: q, body: { importance: Number(e.currentTarget.value) } })}
          >
            {[1, 2, 3, 4, 5].map((n) => (
              <option key={n} value={n}>
                {n} of 5
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="btn btn--ghost btn--small"
          onClick={() => update.mutate({ question: q, body: { archived: !q.archived } })}
        >
          {q.archived ? "Restore" : "Archive"}
          <span class="visually-hidden">: {q.text}</span>
        </button>
      </div>
      <FormError error={update.error} />
      {editing && <QuestionForm roles={roles} question={q} direction={q.direction} done={() => setEditing(false)} />}
    </li>
  );
}

function NewQuestion(props: { roles: Role[]; direction: Direction; done: () => void }) {
  return (
    <section class="card section" aria-labelledby="new-q-title">
      <h2 id="new-q-title" class="card__title">
        New question
      </h2>
      <QuestionForm {...props} />
    </section>
  );
}

const QUESTION_FIELDS = ["direction", "text", "category", "importance", "minutes", "target_role_ids", "prepared_answer", "notes", "application_id"];

function QuestionForm({ roles, question, direction, done }: { roles: Role[]; question?: Question; direction: Direction; done: () => void }) {
  const create = useCreateQuestion();
  const update = useUpdateQuestion();
  const errors = useFormErrors(QUESTION_FIELDS);
  const [dir, setDir] = useState<Direction>(question?.direction ?? direction);
  const prefix = question ? `q-${question.id.slice(0, 8)}` : "q-new";
  return (
    <form
      data-unsaved="Question"
      class="stack"
      onSubmit={errors.submit((v, form) => {
        const body = {
          text: v.text ?? "",
          category: v.category as Schemas["Category"],
          importance: numberOrNull(v.importance) ?? 3,
          minutes: numberOrNull(v.minutes) ?? 2,
          target_role_ids: new FormData(form).getAll("target_role_ids").map(String),
          prepared_answer: dir === "expect" ? v.prepared_answer : null,
          notes: v.notes,
          application_id: v.application_id ?? null,
          ...(dir === "ask" ? closingFlagsOf(form) : {}),
        };
        if (question) update.mutate({ question, body }, { onSuccess: done, onError: errors.show });
        else create.mutate({ ...body, direction: dir }, { onSuccess: done, onError: errors.show });
      })}
    >
      {!question && (
        <fieldset class="row">
          <legend class="label">Direction</legend>
          {(["ask", "expect"] as const).map((d) => (
            <label key={d} class="check">
              <input type="radio" name="direction" value={d} checked={dir === d} onChange={() => setDir(d)} />
              {DIRECTION_LABEL[d]}
            </label>
          ))}
        </fieldset>
      )}
      <Field label="Question" name="text" id={`${prefix}-text`} error={errors.byField.text}>
        {(p) => <textarea {...p} rows={2} required {...limits.QuestionUpdate.text} defaultValue={question?.text ?? ""} />}
      </Field>
      <div class="form-grid">
        <Field label="Category" name="category" id={`${prefix}-category`} error={errors.byField.category}>
          {(p) => (
            <select {...p} required>
              {CATEGORIES.map((c) => (
                <option key={c} value={c} selected={c === (question?.category ?? "job_description")}>
                  {categoryLabel[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Importance (1–5)" name="importance" id={`${prefix}-importance`} error={errors.byField.importance}>
          {(p) => <input {...p} type="number" {...limits.QuestionUpdate.importance} required defaultValue={question?.importance ?? 3} />}
        </Field>
        <Field label="Minutes" name="minutes" id={`${prefix}-minutes`} error={errors.byField.minutes}>
          {(p) => <input {...p} type="number" {...limits.QuestionUpdate.minutes} required defaultValue={question?.minutes ?? 2} />}
        </Field>
      </div>
      <fieldset class="stack--tight">
        <legend class="label">Only for these roles (none ticked: any role)</legend>
        <div class="row">
          {roles.map((r) => (
            <label key={r.id} class="check">
              <input type="checkbox" name="target_role_ids" value={r.id} defaultChecked={question?.target_role_ids.includes(r.id) ?? false} />
              {r.name}
            </label>
          ))}
        </div>
        {errors.byField.target_role_ids && <p class="field__error">{errors.byField.target_role_ids}</p>}
      </fieldset>
      <ScopeField question={question} prefix={prefix} error={errors.byField.application_id} />
      {dir === "ask" && <ClosingFlags question={question} prefix={prefix} />}
      {dir === "expect" && (
        <Field label="Your prepared answer" name="prepared_answer" id={`${prefix}-answer`} error={errors.byField.prepared_answer}>
          {(p) => <textarea {...p} rows={3} {...limits.QuestionUpdate.prepared_answer} defaultValue={question?.prepared_answer ?? ""} />}
        </Field>
      )}
      <FormFooter
        error={errors.general}
        pending={create.isPending || update.isPending}
        cancel={done}
        submit={question ? "Save question" : "Add question"}
      />
    </form>
  );
}
