// The rounds of an application, in order, and adding the next one.
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import type { Application } from "../../api/queries/applications";
import { useRounds } from "../../api/queries/rounds";
import { Empty, ErrorState, Loading } from "../../components/States";
import { formatDate, outcomeLabel, roundKindLabel, roundStatusLabel } from "../../labels";
import { formatDateTime } from "../../time";
import { AddRound } from "./AddRound";
import { ImportInvitation } from "./ImportInvitation";

export function Rounds({ app }: { app: Application }) {
  const rounds = useRounds(app.id);
  const [adding, setAdding] = useState(false);
  return (
    <section class="card" aria-labelledby="rounds-title">
      <div class="section__head">
        <h2 id="rounds-title">Interview rounds</h2>
        {!adding && (
          <button type="button" class="btn btn--primary btn--small" onClick={() => setAdding(true)}>
            Add a round
          </button>
        )}
      </div>
      {adding ? <AddRound applicationId={app.id} done={() => setAdding(false)} /> : <ImportInvitation applicationId={app.id} />}
      {rounds.isPending ? (
        <Loading label="Loading rounds" />
      ) : rounds.isError ? (
        <ErrorState error={rounds.error} retry={() => rounds.refetch()} />
      ) : rounds.data.length === 0 ? (
        !adding && (
          <Empty title="No rounds yet">
            Add the interview you have coming up, then the people you will meet: secondround plans what to ask each of
            them.
          </Empty>
        )
      ) : (
        <ol class="timeline">
          {rounds.data.map((r) => (
            <li key={r.id} class={`timeline__item ${r.status === "completed" ? "timeline__item--done" : ""}`}>
              <span class="timeline__dot" aria-hidden="true">
                {r.sequence}
              </span>
              <Link href={`/rounds/${r.id}`} class="timeline__card">
                <span class="timeline__title">
                  Round {r.sequence}: {roundKindLabel[r.kind]}
                </span>
                <span class="small">{formatDateTime(r.scheduled_at, r.time_zone)}</span>
                <span class="row">
                  <span class={`badge ${r.status === "completed" ? "badge--ok" : ""}`}>{roundStatusLabel[r.status]}</span>
                  {r.status === "completed" && <span class="badge">{outcomeLabel[r.outcome]}</span>}
                  {r.decision_expected_by && r.outcome === "pending" && (
                    <span class="badge badge--warn">Decision by {formatDate(r.decision_expected_by)}</span>
                  )}
                </span>
              </Link>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
