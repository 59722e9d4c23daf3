// The prep sheet: the plan as Markdown, to copy into notes or a document.
import { useState } from "preact/hooks";
import { usePrepSheet } from "../../api/queries/plan";
import { ErrorState, Loading } from "../../components/States";

export function PrepSheet({ roundId, close }: { roundId: string; close: () => void }) {
  const sheet = usePrepSheet(roundId, true);
  const [copied, setCopied] = useState(false);
  return (
    <section class="card stack no-print section" aria-labelledby="sheet-title">
      <div class="section__head">
        <h2 id="sheet-title">Prep sheet (Markdown)</h2>
        <div class="row">
          <button
            type="button"
            class="btn btn--primary btn--small"
            disabled={!sheet.data}
            onClick={async () => {
              await navigator.clipboard.writeText(sheet.data ?? "");
              setCopied(true);
            }}
          >
            {copied ? "Copied" : "Copy"}
          </button>
          <button type="button" class="btn btn--ghost btn--small" onClick={close}>
            Close
          </button>
        </div>
      </div>
      <p class="section__hint" aria-live="polite">
        {copied ? "Copied to the clipboard: paste it into your notes." : "The whole plan as text, for your notes or a document."}
      </p>
      {sheet.isPending ? (
        <Loading label="Writing the sheet" />
      ) : sheet.isError ? (
        <ErrorState error={sheet.error} retry={() => sheet.refetch()} />
      ) : (
        <pre class="sheet" tabIndex={0} aria-label="Prep sheet text">
          {sheet.data}
        </pre>
      )}
    </section>
  );
}
