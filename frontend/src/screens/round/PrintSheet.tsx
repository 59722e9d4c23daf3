/* The print view of a round: the API's self-contained HTML prep sheet (Accept: text/html, which a
 * frame's navigation sends) in a same-origin frame sized to its content, and a Print button that
 * prints the frame itself, so the paper is exactly the sheet, with its own page breaks. */
import "./print-sheet.css";
import { useEffect, useRef, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { useApplication } from "../../api/queries/applications";
import { useRound } from "../../api/queries/rounds";
import { Page } from "../../components/Layout";
import { ErrorState, Loading } from "../../components/States";
import { roundKindLabel } from "../../labels";

export default function PrintSheet({ id }: { id: string }) {
  const round = useRound(id);
  const app = useApplication(round.data?.application_id);
  const frame = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(false);

  // The frame grows with its document (which reflows when the window's width changes), so the
  // page scrolls as one and nothing is cut off.
  useEffect(() => {
    const element = frame.current;
    const doc = loaded ? element?.contentDocument : null;
    if (!element || !doc) return;
    const fit = () => {
      element.style.height = `${doc.documentElement.scrollHeight}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(doc.documentElement);
    return () => observer.disconnect();
  }, [loaded]);

  if (round.isPending) return <Loading label="Loading the round" />;
  if (round.isError) return <ErrorState error={round.error} retry={() => round.refetch()} />;
  const r = round.data;
  const url = `/api/v1/rounds/${r.id}/prep-sheet`;
  return (
    <Page
      title="Prep sheet"
      eyebrow={
        <Link href={`/rounds/${r.id}`}>
          {app.data ? `${app.data.company} · ` : ""}Round {r.sequence}: {roundKindLabel[r.kind]}
        </Link>
      }
      lead="Everything you recorded for this round, laid out for paper: each person on a page of their own."
      actions={
        <>
          <button
            type="button"
            class="btn btn--primary"
            disabled={!loaded}
            onClick={() => frame.current?.contentWindow?.print()}
          >
            Print
          </button>
          <a class="btn btn--secondary" href={url} target="_blank" rel="noopener">
            Open as a page
          </a>
        </>
      }
    >
      <div class="print-sheet">
        {!loaded && <Loading label="Writing the sheet" />}
        <iframe
          ref={frame}
          class="print-sheet__frame"
          src={url}
          title="Prep sheet"
          onLoad={() => setLoaded(true)}
          hidden={!loaded}
        />
      </div>
    </Page>
  );
}
