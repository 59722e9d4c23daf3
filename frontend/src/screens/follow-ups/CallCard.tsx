// Whom to call about a round, with tap-to-call and email links, and the short script the server
// builds from the round (what you discussed, the decision date they gave, what to ask).
import { Link } from "wouter-preact";
import { useCallScript } from "../../api/queries/activity";
import { messageOf } from "../../api/client";

export function CallCard({ roundId, company }: { roundId: string; company: string }) {
  const script = useCallScript(roundId);
  if (script.isPending) return <p class="small muted">Preparing the call…</p>;
  if (script.isError) return <p class="small">The call script could not be loaded: {messageOf(script.error)}</p>;
  const s = script.data;
  return (
    <div class="call-card">
      {s.name && (
        <p class="small">
          Call{" "}
          <strong>
            {s.contact_id ? (
              <Link href={`/contacts/${s.contact_id}`} title="Open the contact: every round and call with them">
                {s.name}
              </Link>
            ) : (
              s.name
            )}
          </strong>
          {s.title ? `, ${s.title}` : ""}
        </p>
      )}
      {(s.tel_uri || s.mailto_uri) && (
        <div class="call-card__links">
          {s.tel_uri && (
            <a class="btn btn--secondary btn--small" href={s.tel_uri}>
              Call {s.phone}
              <span class="visually-hidden"> ({s.name ?? company})</span>
            </a>
          )}
          {s.mailto_uri && (
            <a class="btn btn--ghost btn--small" href={s.mailto_uri}>
              Email {s.email}
            </a>
          )}
        </div>
      )}
      <details>
        <summary class="small">What to say</summary>
        <ol class="call-card__script small">
          {s.lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ol>
      </details>
    </div>
  );
}
