// The application's own questions (not the bank's): listed on the application screen, with a form
// to add one and a link to manage them in the question bank.
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import type { Application } from "../../api/queries/applications";
import { useApplicationQuestions } from "../../api/queries/questions";
import { ApplicationQuestionForm } from "../../components/ApplicationQuestionForm";
import { Empty, ErrorState, Loading } from "../../components/States";
import { categoryLabel } from "../../labels";

export function ApplicationQuestions({ app }: { app: Application }) {
  const own = useApplicationQuestions(app.id);
  const [adding, setAdding] = useState(false);
  const active = (own.data ?? []).filter((q) => !q.archived);
  const archived = (own.data?.length ?? 0) - active.length;
  return (
    <section class="card" aria-labelledby="app-questions-title">
      <div class="section__head">
        <h2 id="app-questions-title">Questions for {app.company}</h2>
        {!adding && (
          <button type="button" class="btn btn--secondary btn--small" onClick={() => setAdding(true)}>
            Add a question
          </button>
        )}
      </div>
      {adding && (
        <ApplicationQuestionForm
          applicationId={app.id}
          company={app.company}
          idPrefix="app-q"
          done={() => setAdding(false)}
          cancel={() => setAdding(false)}
        />
      )}
      {own.isPending ? (
        <Loading label="Loading this application's questions" />
      ) : own.isError ? (
        <ErrorState error={own.error} retry={() => own.refetch()} />
      ) : active.length === 0 ? (
        !adding && (
          <Empty title="None written for this company yet">
            Every round plans your question bank. Add what only {app.company} can answer (their news, products,
            plans): only this application's rounds will plan it.
          </Empty>
        )
      ) : (
        <ul class="appq-list" aria-label={`Questions for ${app.company}`}>
          {active.map((q) => (
            <li key={q.id} class="appq-list__item">
              <span class="q__text">{q.text}</span>
              <span class="appq-list__meta">
                <span class="badge">{q.direction === "ask" ? "You ask" : "They ask"}</span>
                <span class="badge">{categoryLabel[q.category]}</span>
                <span class="appq-where">Importance {q.importance} of 5</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {(own.data?.length ?? 0) > 0 && (
        <p class="small">
          <Link href={`/questions?application=${app.id}`}>
            Edit them in the question bank{archived ? ` (${archived} archived)` : ""}
          </Link>
        </p>
      )}
    </section>
  );
}
