// The board: a column per stage, cards dragged between them; the closed stages folded away.
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { useUpdateApplication, type Application, type ApplicationStatus as Status } from "../../api/queries/applications";
import { ACTIVE_STATUSES, CLOSED_STATUSES, applicationStatusLabel, formatSalary } from "../../labels";
import { MoveMenu } from "./MoveMenu";
import { RoundGlance } from "./RoundGlance";

export function Board({ apps }: { apps: Application[] }) {
  const update = useUpdateApplication();
  const [over, setOver] = useState<Status | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const closed = apps.filter((a) => CLOSED_STATUSES.includes(a.status));

  function column(status: Status) {
    const items = apps.filter((a) => a.status === status);
    return (
      <section
        key={status}
        class={`column ${over === status ? "column--over" : ""}`}
        aria-labelledby={`col-${status}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(status);
        }}
        onDragLeave={() => setOver((s) => (s === status ? null : s))}
        onDrop={(e) => {
          e.preventDefault();
          setOver(null);
          const id = e.dataTransfer?.getData("text/plain");
          const app = apps.find((a) => a.id === id);
          if (app && app.status !== status) update.mutate({ app, body: { status } });
        }}
      >
        <div class="column__head">
          <h2 id={`col-${status}`}>{applicationStatusLabel[status]}</h2>
          <span class="column__count" aria-label={`${items.length} applications`}>
            {items.length}
          </span>
        </div>
        {items.length === 0 ? (
          <p class="column__empty">Drop a card here, or use a card's menu.</p>
        ) : (
          items.map((a) => (
            <article
              key={a.id}
              class={`app-card ${dragging === a.id ? "app-card--dragging" : ""}`}
              draggable
              onDragStart={(e) => {
                e.dataTransfer?.setData("text/plain", a.id);
                setDragging(a.id);
              }}
              onDragEnd={() => setDragging(null)}
            >
              <Link href={`/applications/${a.id}`} class="app-card__company">
                {a.company}
              </Link>
              <span class="app-card__position">{a.position}</span>
              {(a.location || a.salary_min != null || a.salary_max != null) && (
                <span class="app-card__meta">
                  {[a.location, formatSalary(a.salary_min, a.salary_max, a.salary_currency)].filter(Boolean).join(" · ")}
                </span>
              )}
              <RoundGlance applicationId={a.id} />
              <MoveMenu app={a} />
            </article>
          ))
        )}
      </section>
    );
  }

  return (
    <>
      <div class="board">{ACTIVE_STATUSES.map(column)}</div>
      <details class="closed">
        <summary>
          Archived: accepted, rejected and withdrawn ({closed.length})
        </summary>
        <div class="board">{CLOSED_STATUSES.map(column)}</div>
      </details>
    </>
  );
}
