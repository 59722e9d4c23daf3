// Settings, "Your data": download everything (JSON) or the job search as a spreadsheet (CSV), and
// import a JSON export: a dry run first, shown as a sentence, then the import itself.
import { useState } from "preact/hooks";
import { EXPORT_CSV_URL, EXPORT_JSON_URL, useImportDocument, type ExportDocument, type ImportSummary } from "../../api/queries/portability";
import { FormError } from "../../components/Form";

const MAX_BYTES = 20 * 1024 * 1024;

function count(n: number, one: string, many: string): string | null {
  return n > 0 ? `${n} ${n === 1 ? one : many}` : null;
}

function sentence(parts: (string | null)[]): string {
  const kept = parts.filter((p): p is string => p !== null);
  if (kept.length <= 1) return kept.join("");
  return `${kept.slice(0, -1).join(", ")} and ${kept[kept.length - 1]}`;
}

/** "This will add 3 applications, 5 rounds and 4 people, and merge 25 questions and 4 roles you already have." */
export function summaryText(s: ImportSummary): string {
  const c = s.created;
  const added = sentence([
    count(c.applications, "application", "applications"),
    count(c.rounds, "round", "rounds"),
    count(c.interviewers, "person", "people"),
    count(c.questions, "question", "questions"),
    count(c.roles, "role", "roles"),
    count(c.round_questions, "question in a round's plan", "questions in rounds' plans"),
    count(c.application_answers, "answer for an application", "answers for applications"),
  ]);
  const mergedWhat = sentence([
    count(s.merged_questions, "question", "questions"),
    count(s.merged_roles, "role", "roles"),
  ]);
  const merged = mergedWhat && `${mergedWhat} you already have`;
  if (!s.dry_run) {
    return `Imported: ${[added && `added ${added}`, merged && `merged ${merged}`].filter(Boolean).join("; ") || "nothing new"}.`;
  }
  const what = [added && `add ${added}`, merged && `merge ${merged}`].filter(Boolean).join(", and ");
  const settings = s.settings_changed.length
    ? ` Your ${s.settings_changed.map((name) => (name === "time_zone" ? "time zone" : "name")).join(" and ")} will be set from the file.`
    : "";
  return `${what ? `This will ${what}.` : "This file adds nothing new."}${settings}`;
}

export function YourData() {
  const importer = useImportDocument();
  const [document, setDocument] = useState<ExportDocument | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportSummary | null>(null);
  const [done, setDone] = useState<ImportSummary | null>(null);

  async function choose(file: File | undefined) {
    setDocument(null);
    setPreview(null);
    setDone(null);
    setFileError(null);
    importer.reset();
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setFileError("This file is larger than 20 MB: it cannot be an export of one account.");
      return;
    }
    let parsed: ExportDocument;
    try {
      parsed = JSON.parse(await file.text()) as ExportDocument;
    } catch {
      setFileError("This file is not a secondround export: it is not JSON. Choose the .json file from “Download my data”.");
      return;
    }
    setDocument(parsed);
    importer.mutate({ document: parsed, dryRun: true }, { onSuccess: setPreview });
  }

  return (
    <section class="card stack" aria-labelledby="your-data-title">
      <h2 id="your-data-title" class="card__title">
        Your data
      </h2>
      <p class="small">
        Download everything you wrote here as one file, to keep or to move to another account. No password, key or
        sign-in email is in it.
      </p>
      <div class="row">
        <a class="btn btn--secondary" href={EXPORT_JSON_URL} download>
          Download my data
        </a>
        <a class="btn btn--secondary" href={EXPORT_CSV_URL} download>
          Download a spreadsheet (CSV)
        </a>
      </div>
      <p class="small muted">
        The spreadsheet lists your applications with each interview round and its outcome, one row per round: what an
        employment agency may ask to see.
      </p>
      <h3>Import</h3>
      <p class="small">
        Load a file from “Download my data” into this account. You see what it will add before anything changes;
        questions and roles you already have are merged, not doubled.
      </p>
      <div class="field">
        <label for="import-file">File to import (.json)</label>
        <input
          id="import-file"
          type="file"
          accept="application/json,.json"
          onChange={(e) => void choose(e.currentTarget.files?.[0])}
        />
      </div>
      {fileError && (
        <p class="form-error" role="alert">
          {fileError}
        </p>
      )}
      {importer.isPending && <p class="small muted">Checking the file…</p>}
      <FormError error={importer.error} />
      {preview && !done && (
        <div class="stack">
          <p role="status">
            {summaryText(preview)}
          </p>
          <div class="row">
            <button
              type="button"
              class="btn btn--primary"
              disabled={importer.isPending || !document}
              onClick={() =>
                document && importer.mutate({ document, dryRun: false }, { onSuccess: (s) => setDone(s) })
              }
            >
              Import this file
            </button>
          </div>
        </div>
      )}
      {done && (
        <p role="status">
          {summaryText(done)}
        </p>
      )}
    </section>
  );
}
