// "Paste a job posting": the page's HTML or its JSON-LD, previewed as the application it makes,
// then saved (or the application you already had for the same posting URL is opened).
import { useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { usePreviewPosting, useImportPosting, type PostingBody, type PostingPreview } from "../../api/queries/applications";
import { Field, FormError } from "../../components/Form";
import { Markdown } from "../../components/Markdown";
import { formatDate, formatSalary } from "../../labels";

/** The pasted text as a request body: JSON-LD when it is JSON, else the page's HTML. */
export function postingBody(text: string): PostingBody {
  const trimmed = text.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      throw new Error("This looks like JSON-LD but is not valid JSON. Paste the whole script's content, or the page's HTML.");
    }
    if (Array.isArray(parsed)) return { "@graph": parsed };
    if (parsed && typeof parsed === "object") return parsed as PostingBody;
  }
  return { html: text };
}

export function ImportPosting() {
  const [text, setText] = useState("");
  const [previewed, setPreviewed] = useState<{ text: string; preview: PostingPreview } | null>(null);
  const [inputError, setInputError] = useState<Error | null>(null);
  const preview = usePreviewPosting();
  const save = useImportPosting();
  const [, navigate] = useLocation();
  const current = previewed && previewed.text === text ? previewed.preview : null;

  const body = (): PostingBody | null => {
    setInputError(null);
    try {
      return postingBody(text);
    } catch (e) {
      setInputError(e as Error);
      return null;
    }
  };

  return (
    <details class="card import-posting">
      <summary class="import-posting__summary">
        <h2 class="import-posting__title">Paste a job posting</h2>
      </summary>
      <form
        class="stack"
        aria-label="Paste a job posting"
        onSubmit={(event) => {
          event.preventDefault();
          const b = body();
          if (!b) return;
          save.reset();
          preview.mutate(b, { onSuccess: (p) => setPreviewed({ text, preview: p }) });
        }}
      >
        <Field
          label="The posting's page (HTML) or its JSON-LD"
          name="posting"
          hint="In your browser, save or view the posting's page source and paste it here. Nothing is saved until you press Save."
        >
          {(p) => (
            <textarea
              {...p}
              rows={6}
              required
              spellcheck={false}
              class="import-posting__text"
              value={text}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="form-actions">
          <button class="btn btn--secondary" disabled={preview.isPending || !text.trim()}>
            {preview.isPending ? "Reading…" : "Preview"}
          </button>
        </div>
        <FormError error={inputError ?? preview.error} />
      </form>
      {current && (
        <section class="import-posting__preview stack" aria-labelledby="posting-preview-title" data-testid="posting-preview">
          <h3 id="posting-preview-title">What will be saved</h3>
          {current.existing && (
            <p class="notice notice--warning small" role="status">
              <span>
                You already have this one:{" "}
                <Link href={`/applications/${current.existing.id}`}>
                  {current.existing.company} · {current.existing.position}
                </Link>
                . Saving opens it and changes nothing.
              </span>
            </p>
          )}
          <PreviewFacts preview={current} />
          {current.warnings.length > 0 && (
            <ul class="import-posting__warnings small muted" aria-label="What was converted or left out">
              {current.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          {current.application.description && (
            <div data-testid="preview-description">
              <h4 class="plan-label">Job description</h4>
              <Markdown text={current.application.description} class="import-posting__description" />
            </div>
          )}
          <div class="form-actions">
            <button
              type="button"
              class="btn btn--primary"
              disabled={save.isPending}
              onClick={() => {
                const b = body();
                if (!b) return;
                save.mutate(b, {
                  onSuccess: ({ app, created }) => navigate(`/applications/${app.id}${created ? "" : "?already=1"}`),
                });
              }}
            >
              {save.isPending ? "Saving…" : current.existing ? "Open it" : "Save"}
            </button>
          </div>
          <FormError error={save.error} />
        </section>
      )}
    </details>
  );
}

function PreviewFacts({ preview }: { preview: PostingPreview }) {
  const a = preview.application;
  const salary = formatSalary(a.salary_min, a.salary_max, a.salary_currency);
  const none = <span class="muted">—</span>;
  return (
    <dl class="facts">
      <dt>Company</dt>
      <dd>{a.company}</dd>
      <dt>Position</dt>
      <dd>{a.position}</dd>
      <dt>Location</dt>
      <dd>{a.location ?? none}</dd>
      <dt>Salary</dt>
      <dd>{salary ? `${salary} a year` : none}</dd>
      <dt>Posted</dt>
      <dd>{a.posted_on ? formatDate(a.posted_on) : none}</dd>
      <dt>Closes</dt>
      <dd>{a.closes_on ? formatDate(a.closes_on) : none}</dd>
      <dt>Posting</dt>
      <dd class="import-posting__url">{a.job_url ?? none}</dd>
      {a.notes && (
        <>
          <dt>Notes</dt>
          <dd>{a.notes}</dd>
        </>
      )}
    </dl>
  );
}
