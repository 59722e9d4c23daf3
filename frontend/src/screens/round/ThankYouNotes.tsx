// Thank-you notes: a draft per person from the debrief and the questions asked, within 24 hours.
import "./debrief.css";
import { useThankYouNotes } from "../../api/queries/debriefs";
import type { Round } from "../../api/queries/rounds";
import { ErrorState, Loading } from "../../components/States";
import { ThankYouNoteCard } from "./ThankYouNote";

export function ThankYouNotes({ round }: { round: Round }) {
  const notes = useThankYouNotes(round.id);
  if (notes.isPending) return <Loading label="Drafting your thank-you notes" />;
  if (notes.isError) return <ErrorState error={notes.error} retry={() => notes.refetch()} />;
  const { window, explanation, notes: drafts } = notes.data;
  if (drafts.length === 0) return null;
  const tone = window === "late" ? "notice--warning" : window === "open" ? "notice--ok" : "";
  return (
    <section class="card thanks-list" aria-labelledby="thanks-title">
      <h2 id="thanks-title" class="card__title">
        Thank-you notes
      </h2>
      <p class={`notice small ${tone}`}>{explanation}</p>
      <div class="stack">
        {drafts.map((note) => (
          <ThankYouNoteCard key={note.interviewer_id} roundId={round.id} note={note} zone={round.time_zone} open={window !== "not_yet"} />
        ))}
      </div>
    </section>
  );
}
