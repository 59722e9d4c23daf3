/* Readiness: the round's checklist, "6 of 9 ready", each open item with its next step and a way
 * to the place where it is fixed (a field or section on this screen, or the application's page). */
import "./readiness.css";
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { useReadiness, type ReadinessItem } from "../../api/queries/readiness";
import { useRound } from "../../api/queries/rounds";
import { ErrorState, Loading } from "../../components/States";

type Key = ReadinessItem["key"];
const SHOWN_AT_FIRST = 3;
type Fix = { label: string; href: string } | { label: string; target: string };

function fixFor(key: Key, applicationId: string): Fix {
  const application = `/applications/${applicationId}`;
  switch (key) {
    case "company_research":
      return { label: "Write the research", href: application };
    case "salary_researched":
      return { label: "Add the salary range", href: application };
    case "panel_named":
    case "greetings":
      return { label: "Go to the panel", target: "#panel-title" };
    case "everyone_has_a_question":
    case "closing_planned":
      return { label: "Go to the plan", target: "#plan-title" };
    case "expected_answers_prepared":
      return { label: "Prepare the answers", target: ".expect li:has(.expect__answer.muted) .q__actions button | #plan-title" };
    case "place_set":
      return { label: "Set the place", target: "#s-place" };
    case "decision_date_asked":
      return { label: "Record the date", target: "#o-decision" };
    case "earlier_rounds_debriefed":
      return { label: "Go to the earlier rounds", href: application };
    case "thank_you_notes_sent":
      return { label: "Write the notes", target: "#thanks-title" };
  }
}

/** Scroll to what fixes the item and put the keyboard there too (the first of "a | b" found). */
function goTo(selectors: string) {
  const el = selectors
    .split(" | ")
    .map((s) => document.querySelector<HTMLElement>(s))
    .find((found) => found !== null);
  if (!el) return;
  if (!el.matches("input, select, textarea, button, a[href]")) el.setAttribute("tabindex", "-1");
  el.scrollIntoView({ block: "center" });
  el.focus({ preventScroll: true });
}

export function ReadinessChecklist({ roundId, applicationId }: { roundId: string; applicationId: string }) {
  const readiness = useReadiness(roundId);
  const round = useRound(roundId);
  const [all, setAll] = useState(false);
  if (readiness.isPending) return <Loading label="Checking how ready you are" />;
  if (readiness.isError) return <ErrorState error={readiness.error} retry={() => readiness.refetch()} />;
  const { done, total, items } = readiness.data;
  const open = items.filter((i) => !i.done);
  // The first few open items only, so the panel and the plan stay near the top on a phone.
  const shown = all ? open : open.slice(0, SHOWN_AT_FIRST);
  const finished = items.filter((i) => i.done);
  // Before the interview the decision date cannot be asked yet: everything else done is all there is to do.
  const setForTheDay = round.data?.status === "planned" && open.length === 1 && open[0]?.key === "decision_date_asked";
  return (
    <section class="card readiness no-print" aria-labelledby="readiness-title">
      <div class="readiness__head">
        <h2 id="readiness-title">Are you ready?</h2>
        <span class={`badge ${done === total ? "badge--ok" : "badge--accent"}`} aria-live="polite">
          {done} of {total} ready
        </span>
        <span class="readiness__bar" aria-hidden="true">
          <span
            class="readiness__fill"
            ref={(el) => {
              if (el) el.style.width = `${Math.round((100 * done) / total)}%`;
            }}
          />
        </span>
      </div>
      {setForTheDay && (
        <p class="notice notice--ok small">All set for the interview. The last item comes at its end.</p>
      )}
      {open.length > 0 && (
        <ul class="readiness__list" aria-label="Still to do">
          {shown.map((item) => {
            const fix = fixFor(item.key, applicationId);
            return (
              <li key={item.key} class="readiness__item" data-key={item.key}>
                <span class="readiness__mark" aria-hidden="true" />
                <div class="readiness__text">
                  <span class="readiness__label">{item.label}</span>
                  <span class="readiness__step">{item.next_step}</span>
                </div>
                {"href" in fix ? (
                  <Link href={fix.href} class="btn btn--secondary btn--small">
                    {fix.label}
                  </Link>
                ) : (
                  <button type="button" class="btn btn--secondary btn--small" onClick={() => goTo(fix.target)}>
                    {fix.label}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {shown.length < open.length && (
        <button type="button" class="btn btn--ghost btn--small readiness__more" onClick={() => setAll(true)}>
          Show {open.length - shown.length} more to do
        </button>
      )}
      {finished.length > 0 && (
        <details class="readiness__done" open={open.length === 0}>
          <summary class="small">Done ({finished.length})</summary>
          <ul class="readiness__list" aria-label="Done">
            {finished.map((item) => (
              <li key={item.key} class="readiness__item readiness__item--done" data-key={item.key}>
                <span class="readiness__mark readiness__mark--done" aria-hidden="true">
                  ✓
                </span>
                <span class="readiness__label">{item.label}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
