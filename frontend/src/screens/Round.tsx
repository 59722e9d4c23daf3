import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { useApplication } from "../api/queries/applications";
import { useRound } from "../api/queries/rounds";
import { Page } from "../components/Layout";
import { ErrorState, Loading } from "../components/States";
import { roundKindLabel } from "../labels";
import { useMe } from "../api/queries/me";
import { formatWhenWithZone, yourTime } from "../time";
import { RoundApplicationQuestions } from "./round/ApplicationQuestions";
import { NextPanel } from "./round/NextPanel";
import { Outcome } from "./round/Outcome";
import { Panel } from "./round/Panel";
import { PlanSection } from "./round/PlanSection";
import { PrepSheet } from "./round/PrepSheet";
import { Debriefs, roundIsOver } from "./round/Debriefs";
import { ReadinessChecklist } from "./round/Readiness";
import { RunSheet } from "./round/RunSheet";
import { Schedule } from "./round/Schedule";
import { ThankYouNotes } from "./round/ThankYouNotes";

export default function RoundScreen({ id }: { id: string }) {
  const round = useRound(id);
  const app = useApplication(round.data?.application_id);
  const me = useMe();
  const [sheet, setSheet] = useState(false);
  if (round.isPending) return <Loading label="Loading the round" />;
  if (round.isError) return <ErrorState error={round.error} retry={() => round.refetch()} />;
  const r = round.data;
  const company = app.data?.company ?? "Application";
  return (
    <Page
      title={`Round ${r.sequence}: ${roundKindLabel[r.kind]}`}
      eyebrow={
        <Link href={`/applications/${r.application_id}`}>
          {company}
          {app.data ? ` · ${app.data.position}` : ""}
        </Link>
      }
      lead={
        <>
          {r.scheduled_at ? formatWhenWithZone(r.scheduled_at, r.time_zone) : "Not scheduled"}
          {r.scheduled_at && yourTime(r.scheduled_at, r.time_zone, me.data?.time_zone) && (
            <span class="your-time"> · {yourTime(r.scheduled_at, r.time_zone, me.data?.time_zone)}</span>
          )}
          {r.duration_minutes ? ` · ${r.duration_minutes} min` : ""}
          {r.location ? ` · ${r.location}` : ""}
        </>
      }
      wide
      actions={
        <>
          <Link href={`/rounds/${r.id}/interview`} class="btn btn--primary">
            Interview mode
          </Link>
          <button type="button" class="btn btn--secondary" aria-expanded={sheet} onClick={() => setSheet((s) => !s)}>
            Prep sheet
          </button>
          <Link href={`/rounds/${r.id}/print`} class="btn btn--secondary">
            Print prep sheet
          </Link>
        </>
      }
    >
      {sheet && <PrepSheet roundId={r.id} close={() => setSheet(false)} />}
      <ReadinessChecklist roundId={r.id} applicationId={r.application_id} />
      {roundIsOver(r) && r.status !== "cancelled" && (
        <div class="grid-2 after-round">
          <Debriefs round={r} />
          <ThankYouNotes round={r} />
        </div>
      )}
      <div class="grid-side">
        <div class="stack">
          <Panel round={r} />
          <RunSheet round={r} />
          <PlanSection round={r} company={app.data?.company ?? "this company"} />
        </div>
        <div class="stack no-print">
          <RoundApplicationQuestions round={r} company={app.data?.company ?? "this application"} />
          <Schedule round={r} />
          <Outcome round={r} />
          <NextPanel round={r} />
        </div>
      </div>
    </Page>
  );
}
