// One thank-you note: the draft to edit, then Copy, Open in mail app, Mark as sent.
import { useEffect, useState } from "preact/hooks";
import { messageOf } from "../../api/client";
import { mailtoOf, useMarkSent, type ThankYouNote } from "../../api/queries/debriefs";
import { formatDateTime } from "../../time";

export function ThankYouNoteCard({ roundId, note, zone, open }: { roundId: string; note: ThankYouNote; zone: string; open: boolean }) {
  const [subject, setSubject] = useState(note.subject);
  const [body, setBody] = useState(note.body);
  const [copied, setCopied] = useState<string | null>(null);
  const mark = useMarkSent(roundId);
  useEffect(() => {
    if (!note.sent) {
      setSubject(note.subject);
      setBody(note.body);
    }
  }, [note.subject, note.body, note.sent]);
  const id = `thanks-${note.interviewer_id}`;
  const sent = note.sent;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(`${subject}\n\n${body}`);
      setCopied("Copied: paste it into your mail.");
    } catch {
      setCopied("Copying is blocked here: select the text and copy it by hand.");
    }
  };
  return (
    <article class="card card--flat thanks" aria-labelledby={`${id}-name`}>
      <div class="row row--between">
        <h3 id={`${id}-name`} class="debrief__name">
          {note.name}
        </h3>
        {sent ? (
          <span class="badge badge--ok">Sent {formatDateTime(sent.sent_at, zone)}</span>
        ) : (
          <span class="badge badge--warn">Not sent</span>
        )}
      </div>
      {sent ? (
        <details>
          <summary class="small">What you sent</summary>
          <p class="small"><strong>{sent.subject}</strong></p>
          <p class="small thanks__sent">{sent.body}</p>
        </details>
      ) : (
        <div class="stack--tight">
          <div class="field">
            <label for={`${id}-subject`}>Subject</label>
            <input id={`${id}-subject`} maxLength={200} value={subject} onInput={(e) => setSubject(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for={`${id}-body`}>Note to {note.name}</label>
            <textarea id={`${id}-body`} rows={9} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
          </div>
          {!note.email && <p class="small muted">No email recorded for {note.name}: your mail app will ask for the address.</p>}
          <div class="debrief__actions">
            <button type="button" class="btn btn--secondary" onClick={() => void copy()}>
              Copy
            </button>
            <a class="btn btn--secondary" href={mailtoOf(note.email, subject, body)}>
              Open in mail app
            </a>
            <button
              type="button"
              class="btn btn--primary"
              disabled={!open || mark.isPending}
              onClick={() => mark.mutate({ interviewerId: note.interviewer_id, subject: subject.trim() || note.subject, body })}
            >
              Mark as sent
            </button>
          </div>
          {copied && <p class="small" role="status">{copied}</p>}
          {mark.isError && <p class="form-error" role="alert">{messageOf(mark.error)}</p>}
        </div>
      )}
    </article>
  );
}
