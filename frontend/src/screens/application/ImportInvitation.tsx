// Drop (or choose) the .ics invitation a recruiter's calendar sent: the round is made with its panel,
// or brought up to date when the same invitation was imported before. Shows what was made and which
// roles were guessed, so the user can check them.
import { useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { useImportInvitation, type RoundImport } from "../../api/queries/rounds";
import { useRoles } from "../../api/queries/roles";
import { FormError } from "../../components/Form";
import { roundKindLabel } from "../../labels";
import { formatDateTime } from "../../time";

// The server reads at most 1 MiB; an invitation is a few kilobytes.
const MAX_BYTES = 1024 * 1024;

export function ImportInvitation({ applicationId }: { applicationId: string }) {
  const importing = useImportInvitation(applicationId);
  const [over, setOver] = useState(false);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const read = async (file: File | undefined | null) => {
    if (!file) return;
    setTooBig(null);
    if (file.size > MAX_BYTES) {
      setTooBig(`${file.name} is larger than 1 MB; an invitation is a few kilobytes. Is it a whole calendar?`);
      return;
    }
    importing.mutate(await file.text());
  };
  return (
    <div class="stack stack--tight">
      <div
        class={`dropzone ${over ? "dropzone--over" : ""}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void read(e.dataTransfer?.files[0]);
        }}
      >
        <p class="small">Got an invitation? Drop its .ics file here to add the round with the people on it.</p>
        <label class="btn btn--secondary btn--small">
          {importing.isPending ? "Importing…" : "Choose an .ics file"}
          <input
            type="file"
            class="visually-hidden"
            accept=".ics,text/calendar"
            disabled={importing.isPending}
            onChange={(e) => {
              const input = e.currentTarget;
              void read(input.files?.[0]).finally(() => (input.value = ""));
            }}
          />
        </label>
      </div>
      {tooBig && (
        <p class="form-error" role="alert">
          {tooBig}
        </p>
      )}
      <FormError error={importing.error} />
      {importing.data && <Imported result={importing.data} />}
    </div>
  );
}

function Imported({ result }: { result: RoundImport }) {
  const roles = useRoles().data ?? [];
  const roleName = (id: string | null) => roles.find((r) => r.id === id)?.name;
  const guessed = new Map(result.guessed_roles.map((g) => [g.interviewer_id, g]));
  const r = result.round;
  return (
    <div class="card card--flat stack stack--tight" role="status" aria-label="Imported invitation">
      <p>
        <strong>
          Round {r.sequence} ({roundKindLabel[r.kind]}) {result.created ? "added" : "updated"}
        </strong>
        {r.scheduled_at ? `: ${formatDateTime(r.scheduled_at, r.time_zone)}` : ""}.{" "}
        <Link href={`/rounds/${r.id}`}>Open the round</Link>
      </p>
      {result.interviewers.length > 0 ? (
        <ul class="stack stack--tight imported-people">
          {result.interviewers.map((p) => {
            const guess = guessed.get(p.id);
            return (
              <li key={p.id}>
                <span class={p.cancelled ? "struck" : ""}>{p.name}</span>
                {p.title ? <span class="muted"> · {p.title}</span> : null}
                <span class="muted"> · {roleName(p.role_id) ?? "No role yet"}</span>
                {guess && (
                  <span class="badge badge--wraps">
                    Guessed from “{guess.guessed_from}”
                  </span>
                )}
                {!result.created && result.added.includes(p.name) && <span class="badge badge--ok">New</span>}
                {p.cancelled && <span class="badge badge--warn">Not coming</span>}
              </li>
            );
          })}
        </ul>
      ) : (
        <p class="muted small">The invitation named nobody besides you; add the people on the round's page.</p>
      )}
      {result.left_out.length > 0 && (
        <p class="muted small">Left out (you): {result.left_out.join(", ")}.</p>
      )}
      {result.remarks.map((remark) => (
        <p key={remark} class="muted small">
          {remark}
        </p>
      ))}
    </div>
  );
}
