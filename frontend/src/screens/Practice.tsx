import { useState } from "preact/hooks";
import { usePracticeQueue, useRefreshQueue, useReview } from "../api/queries/practice";
import { FormError } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { PracticeCard } from "./practice/PracticeCard";

export default function Practice() {
  const queue = usePracticeQueue();
  const review = useReview();
  const refresh = useRefreshQueue();
  // Cards rated in this sitting leave the queue at once; the server says when each comes back.
  const [done, setDone] = useState<string[]>([]);
  const [last, setLast] = useState<string | null>(null);
  const items = (queue.data?.items ?? []).filter((i) => !done.includes(i.question_id));
  const current = items[0];
  return (
    <Page title="Practice" lead="Questions the people of your next round will likely ask come first. Answer aloud, then check.">
      {queue.isPending ? (
        <Loading label="Loading your practice queue" />
      ) : queue.isError ? (
        <ErrorState error={queue.error} retry={() => queue.refetch()} />
      ) : !current ? (
        <Empty title="Nothing to practise now">
          {last ? `${last} ` : ""}
          {queue.data.next_due ? "Cards you practised come back when they are due." : "Add questions you expect to be asked in Questions."}
          <div>
            <button
              class="btn btn--secondary"
              onClick={() => {
                setDone([]);
                refresh();
              }}
            >
              Check again
            </button>
          </div>
        </Empty>
      ) : (
        <div class="stack">
          <p class="small muted" aria-live="polite">
            {items.length} to practise{last ? ` · ${last}` : ""}
          </p>
          <PracticeCard
            key={current.question_id}
            item={current}
            busy={review.isPending}
            onRate={(rating) =>
              review.mutate(
                { question_id: current.question_id, rating, application_id: current.application_id },
                {
                  onSuccess: (r) => {
                    setLast(`Next time ${r.due_in}.`);
                    setDone([...done, current.question_id]);
                  },
                },
              )
            }
          />
          <FormError error={review.error} />
        </div>
      )}
    </Page>
  );
}
