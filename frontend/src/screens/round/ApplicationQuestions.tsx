// The round's own application's questions: what you wrote for this company alone, where the plan
// put each one, and a form to add another (it joins the plan at once).
import { useState } from "preact/hooks";
import { useApplicationQuestions, type Question } from "../../api/queries/questions";
import { usePlan, type Plan } from "../../api/queries/plan";
import type { Round } from "../../api/queries/rounds";
import { ApplicationQuestionForm } from "../../components/ApplicationQuestionForm";
import { ErrorState, Loading } from "../../components/States";
import { categoryLabel } from "../../labels";

type Placement = { tone: "ok" | "muted" | "warn"; text: string };

/** Where this round's plan put a question, in words. */
export function placement(plan: Plan | undefined, q: Question | null): Placement | null {
  if (!plan || !q) return null;
  if (q.archived) return { tone: "muted", text: "Archived: left out of plans" };
  for (const person of plan.interviewers) {
    if (person.questions.some((x) => x.question_id === q.id)) return { tone: "ok", text: `Planned: ask ${person.name}` };
    if (person.expect.some((x) => x.question_id === q.id)) return { tone: "ok", text: `${person.name} may ask this` };
  }
  if (q.direction === "expect") return { tone: "muted", text: "Not among the likeliest for this panel" };
  const settled = plan.excluded.find((x) => x.question_id === q.id);
  if (settled) return { tone: "muted", text: settled.reason };
  const left = plan.backlog.find((x) => x.question_id === q.id);
  if (left) return { tone: "warn", text: `Left out: ${left.reason}` };
  if (plan.interviewers.length === 0) return { tone: "muted", text: "Planned once the panel is set" };
  return { tone: "muted", text: "Not in this plan" };
}

export function RoundApplicationQuestions({ round, company }: { round: Round; company: string }) {
  const plan = usePlan(round.id);
  const own = useApplicationQuestions(round.application_id, !plan.isPending);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const questions = (own.data ?? []).filter((q) => !q.archived || q.id === added);
  return (
    <section class="card no-print" aria-labelledby="appq-title">
      <div class="section__head">
        <h2 id="appq-title" class="card__title">
          Questions for {company}
        </h2>
      </div>
      <p class="section__hint appq-hint">
        Written for this application only: its rounds plan them beside your bank, no other application sees them.
      </p>
      {own.isPending ? (
        <Loading label="Loading this application's questions" />
      ) : own.isError ? (
        <ErrorState error={own.error} retry={() => own.refetch()} />
      ) : (
        questions.length > 0 && (
          <ul class="appq-list" aria-label={`Questions for ${company}`}>
            {questions.map((q) => {
              const where = placement(plan.data, q);
              return (
                <li key={q.id} class={q.id === added ? "appq-list__item appq-list__item--new" : "appq-list__item"}>
                  <span class="q__text">{q.text}</span>
                  <span class="appq-list__meta">
                    <span class="badge">{q.direction === "ask" ? "You ask" : "They ask"}</span>
                    <span class="badge">{categoryLabel[q.category]}</span>
                    {where && <span class={`appq-where appq-where--${where.tone}`}>{where.text}</span>}
                  </span>
                </li>
              );
            })}
          </ul>
        )
      )}
      {added && !adding && <AddedNote where={plan.isFetching ? null : placement(plan.data, questions.find((q) => q.id === added) ?? null)} company={company} />}
      {adding ? (
        <ApplicationQuestionForm
          applicationId={round.application_id}
          company={company}
          idPrefix="round-appq"
          done={(q) => {
            setAdded(q.id);
            setAdding(false);
          }}
          cancel={() => setAdding(false)}
        />
      ) : (
        <div class="form-actions">
          <button
            type="button"
            class="btn btn--secondary"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            Add a question for this application
          </button>
        </div>
      )}
    </section>
  );
}

function AddedNote({ where, company }: { where: Placement | null; company: string }) {
  return (
    <p class="muted small" role="status">
      Added for {company}. {where ? `${where.text}.` : "Updating the plan…"}
    </p>
  );
}
