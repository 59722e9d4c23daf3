// What a new password or sign-in email took away, said right after the change (the API reports it),
// with a new calendar link offered on the spot when the old one stopped working.
import type { Schemas } from "../../api/client";
import { useIssueCalendarToken } from "../../api/queries/me";
import { FormError } from "../../components/Form";
import { FeedLink } from "./CalendarLink";

export function revokedSentence(what: string, revoked: Schemas["RevokedRead"]): string {
  const n = revoked.other_sessions;
  const parts = [`${what}.`];
  if (n > 0) parts.push(n === 1 ? "1 other device was signed out." : `${n} other devices were signed out.`);
  if (revoked.calendar_link) parts.push("Your calendar link stopped working; make a new one for your calendar app.");
  if (parts.length === 1) parts.push("No other device was signed in, and you had no calendar link.");
  return parts.join(" ");
}

export function RevokedNote({ what, revoked, id }: { what: string; revoked: Schemas["RevokedRead"]; id: string }) {
  const issue = useIssueCalendarToken();
  return (
    <div class="notice notice--ok small revoked-note" role="status">
      <p>{revokedSentence(what, revoked)}</p>
      {revoked.calendar_link && !issue.data && (
        <div>
          <button type="button" class="btn btn--secondary btn--small" disabled={issue.isPending} onClick={() => issue.mutate()}>
            Make a new calendar link
          </button>
        </div>
      )}
      {issue.data && <FeedLink url={issue.data.feed_url} id={`${id}-feed-url`} />}
      <FormError error={issue.error} />
    </div>
  );
}
