// After the interview: a debrief card per person met (cancelled meetings aside), one under the other.
import "./debrief.css";
import { useInterviewers } from "../../api/queries/interviewers";
import type { Round } from "../../api/queries/rounds";
import { ErrorState, Loading } from "../../components/States";
import { DebriefCard } from "./DebriefCard";

/** Completed, or past its end (its start when it has no length). */
export function roundIsOver(round: Round, now = Date.now()): boolean {
  if (round.status === "completed") return true;
  if (round.status !== "planned" || !round.scheduled_at) return false;
  return new Date(round.scheduled_at).getTime() + (round.duration_minutes ?? 0) * 60_000 <= now;
}

export function Debriefs({ round }: { round: Round }) {
  const panel = useInterviewers(round.id);
  if (panel.isPending) return <Loading label="Loading the people you met" />;
  if (panel.isError) return <ErrorState error={panel.error} retry={() => panel.refetch()} />;
  const people = panel.data.filter((p) => !p.cancelled);
  if (people.length === 0) return null;
  return (
    <section class="card debriefs" aria-labelledby="debriefs-title">
      <h2 id="debriefs-title" class="card__title">
        Debrief
      </h2>
      <p class="muted small">
        A minute per person while you remember: it comes back as “Last time” when you meet them again.
      </p>
      <div class="stack">
        {people.map((person) => (
          <DebriefCard key={person.id} roundId={round.id} applicationId={round.application_id} person={person} />
        ))}
      </div>
    </section>
  );
}
