/* The application board's glance at an application's next round: when, and how ready you are. */
import "../round/readiness.css";
import { Link } from "wouter-preact";
import { useUpcomingReadiness } from "../../api/queries/readiness";
import { formatDateTime } from "../../time";

export function RoundGlance({ applicationId }: { applicationId: string }) {
  const upcoming = useUpcomingReadiness();
  const next = upcoming.data?.get(applicationId);
  if (!next) return null;
  const ready = next.done === next.total;
  return (
    <Link
      href={`/rounds/${next.round_id}`}
      class="glance"
      title={next.next_step ?? "Everything is ready"}
    >
      <span class="glance__when">
        Round {next.sequence} · {formatDateTime(next.scheduled_at, next.time_zone)}
      </span>
      <span class={`glance__count ${ready ? "glance__count--ready" : ""}`}>
        {next.done} of {next.total} ready
      </span>
      <span class="readiness__bar glance__bar" aria-hidden="true">
        <span
          class="readiness__fill"
          ref={(el) => {
            if (el) el.style.width = `${Math.round((100 * next.done) / next.total)}%`;
          }}
        />
      </span>
    </Link>
  );
}
