// Interview mode: the day on a phone, for the waiting room and the corridor. One person at a time
// (next/previous or a swipe), the questions with one-tap marks, the closing.
// It works without a connection: the service worker keeps what this screen loaded, and marks wait
// on the phone until they can be sent (src/offline/marks.ts).
import "./interview/interview.css";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import type { Schemas } from "../api/client";
import { keys } from "../api/queries/keys";
import { useApplication } from "../api/queries/applications";
import { usePlan, usePrepSheet } from "../api/queries/plan";
import { useRoundQuestions } from "../api/queries/roundQuestions";
import { useRound } from "../api/queries/rounds";
import { ErrorState, Loading } from "../components/States";
import { roundKindLabel } from "../labels";
import { useOfflineCopy } from "../offline/serviceWorker";
import { useMarks } from "../offline/useMarks";
import { formatTime, formatWhenWithZone } from "../time";
import { PersonPage } from "./interview/PersonPage";
import { PrepSheetFold } from "./interview/PrepSheetFold";
import { SyncStatus } from "./interview/SyncStatus";

type Person = Schemas["InterviewerPlanRead"];

/** The person you meet now, else the next one, else the first. */
function startingPerson(people: Person[], now = Date.now()): number {
  const index = people.findIndex((p) => p.ends_at && Date.parse(p.ends_at) > now);
  return index >= 0 ? index : 0;
}

/**
 * Reads `key` again from this page, even what another screen read a moment ago: the service worker
 * keeps only what interview mode itself asks for, and that is the copy the phone has when the
 * connection goes. A read the full plan started and that is still on its way (a quick tap on a slow
 * phone) would be shared rather than asked again, and never kept: it is cancelled first.
 */
async function askFromHere(qc: QueryClient, key: readonly unknown[], exact = false) {
  await qc.cancelQueries({ queryKey: key, exact });
  await qc.refetchQueries({ queryKey: key, exact, type: "active" });
}

export default function Interview({ id, me }: { id: string; me: Schemas["MeRead"] }) {
  const round = useRound(id);
  const plan = usePlan(id);
  const entries = useRoundQuestions(id);
  const app = useApplication(round.data?.application_id);
  // Loaded now so it is kept for offline use, shown folded at the end.
  const sheet = usePrepSheet(id, true);
  const marks = useMarks(me.id, id);
  const applicationPath = round.data ? [`/api/v1/applications/${round.data.application_id}`] : [];
  const offline = useOfflineCopy(
    ["/api/v1/me", `/api/v1/rounds/${id}`, `/api/v1/rounds/${id}/plan`, `/api/v1/rounds/${id}/questions`, ...applicationPath],
    Math.max(round.dataUpdatedAt, plan.dataUpdatedAt, entries.dataUpdatedAt, app.dataUpdatedAt),
  );
  const people = plan.data?.interviewers ?? [];
  const [index, setIndex] = useState<number | null>(null);
  const current = Math.min(index ?? startingPerson(people), Math.max(0, people.length - 1));
  const byQuestion = useMemo(() => new Map((entries.data ?? []).map((e) => [e.question_id, e] as const)), [entries.data]);
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  const qc = useQueryClient();
  useEffect(() => {
    document.title = `Interview mode · secondround`;
    void askFromHere(qc, keys.me);
    void askFromHere(qc, keys.round(id));
  }, [qc, id]);
  const applicationId = round.data?.application_id;
  useEffect(() => {
    if (applicationId) void askFromHere(qc, keys.application(applicationId), true);
  }, [qc, applicationId]);
  // After next/previous, the reader starts at the new person's name.
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [current]);

  const go = (to: number) => {
    if (to < 0 || to >= people.length) return;
    moved.current = true;
    setIndex(to);
    window.scrollTo({ top: 0 });
  };

  const swipe = useRef<{ x: number; y: number } | null>(null);

  if (round.isPending || plan.isPending) return <Loading label="Opening interview mode" />;
  // A failed refresh keeps the copy already shown: only a first read that failed is an error.
  if (!round.data) return <ErrorState error={round.error} retry={() => round.refetch()} />;
  if (!plan.data) return <ErrorState error={plan.error} retry={() => plan.refetch()} />;
  const r = round.data;
  const person = people[current];
  const zone = plan.data.time_zone;

  return (
    <div class="interview">
      <header class="interview__bar">
        <Link href={`/rounds/${r.id}`} class="btn btn--ghost interview__back">
          <span aria-hidden="true">←</span> Full plan
        </Link>
        <div class="interview__titles">
          <span class="interview__company">{app.data?.company ?? "Interview"}</span>
          <span class="interview__when">
            {roundKindLabel[r.kind]}
            {r.scheduled_at ? ` · ${formatWhenWithZone(r.scheduled_at, r.time_zone)}` : ""}
          </span>
        </div>
      </header>
      <main id="main" class="interview__main">
        <h1 class="visually-hidden">Interview mode</h1>
        <SyncStatus marks={marks} offline={offline} />
        {!person ? (
          <div class="card">
            <p>Nobody is on this round's panel yet. Add the people you will meet on the full plan first.</p>
          </div>
        ) : (
          <>
            <nav class="interview__pager" aria-label="People, in meeting order">
              <button type="button" class="btn btn--secondary interview__step" disabled={current === 0} onClick={() => go(current - 1)}>
                <span aria-hidden="true">‹</span> Previous
              </button>
              <span class="interview__count" aria-live="polite">
                {current + 1} of {people.length}
              </span>
              <button
                type="button"
                class="btn btn--secondary interview__step"
                disabled={current === people.length - 1}
                onClick={() => go(current + 1)}
              >
                Next <span aria-hidden="true">›</span>
              </button>
            </nav>
            <div
              class="interview__swipe"
              onTouchStart={(e) => {
                const t = e.touches[0];
                swipe.current = t ? { x: t.clientX, y: t.clientY } : null;
              }}
              onTouchEnd={(e) => {
                const start = swipe.current;
                const t = e.changedTouches[0];
                swipe.current = null;
                if (!start || !t) return;
                const dx = t.clientX - start.x;
                // A clear sideways move, not a scroll.
                if (Math.abs(dx) > 70 && Math.abs(dx) > 2 * Math.abs(t.clientY - start.y)) go(current + (dx < 0 ? 1 : -1));
              }}
            >
              <PersonPage
                key={person.interviewer_id}
                person={person}
                when={person.starts_at ? `${formatTime(person.starts_at, zone)}${person.ends_at ? `–${formatTime(person.ends_at, zone)}` : ""}` : null}
                heading={heading}
                entries={byQuestion}
                marks={marks}
              />
            </div>
            {current < people.length - 1 && (
              <button type="button" class="btn btn--primary interview__next" onClick={() => go(current + 1)}>
                Next: {people[current + 1]!.name} <span aria-hidden="true">›</span>
              </button>
            )}
          </>
        )}
        <PrepSheetFold sheet={sheet} />
      </main>
    </div>
  );
}
