import { Link, useSearch } from "wouter-preact";
import { useApplication } from "../api/queries/applications";
import { Page } from "../components/Layout";
import { ErrorState, Loading } from "../components/States";
import { applicationStatusLabel } from "../labels";
import { ApplicationQuestions } from "./application/ApplicationQuestions";
import { Details } from "./application/Details";
import { Research } from "./application/Research";
import { Rounds } from "./application/Rounds";
import { Timeline } from "./application/Timeline";

export default function ApplicationScreen({ id }: { id: string }) {
  const app = useApplication(id);
  // Set by "Paste a job posting" when the posting's URL was already one of yours.
  const already = new URLSearchParams(useSearch()).get("already") === "1";
  if (app.isPending) return <Loading label="Loading the application" />;
  if (app.isError) return <ErrorState error={app.error} retry={() => app.refetch()} />;
  const a = app.data;
  return (
    <Page
      title={a.company}
      eyebrow={<Link href="/">Applications</Link>}
      lead={
        <>
          {a.position}
          {a.location ? ` · ${a.location}` : ""}{" "}
          <span class="badge badge--accent">{applicationStatusLabel[a.status]}</span>
        </>
      }
    >
      {already && (
        <p class="notice notice--ok small import-already" role="status" data-testid="already-had">
          You already had this one, so nothing new was saved.
        </p>
      )}
      <div class="grid-side">
        <div class="stack">
          <Research app={a} />
          <Rounds app={a} />
          <Timeline app={a} />
          <ApplicationQuestions app={a} />
        </div>
        <Details app={a} />
      </div>
    </Page>
  );
}
