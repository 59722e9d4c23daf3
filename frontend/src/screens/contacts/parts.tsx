// Pieces the contacts list and a contact's page share.
import type { Schemas } from "../../api/client";
import { roundKindLabel } from "../../labels";
import { formatDay } from "../../time";

type Appearance = Schemas["ContactAppearance"];

/** "Second interview (round 2) · Initech, Engineer · 3 Dec 2026". */
export function roundWords(a: Appearance, zone: string): string {
  const when = a.scheduled_at ? ` · ${formatDay(a.scheduled_at, zone)}` : "";
  return `${roundKindLabel[a.round_kind]} (round ${a.round_sequence}) · ${a.company}, ${a.position}${when}`;
}

/** Where you met them last, how often, and when you were last in touch: one plain line. */
export function metLine(c: Schemas["ContactListItem"], zone: string): string {
  const parts: string[] = [];
  if (c.last_met) {
    parts.push(`Last met: ${roundWords(c.last_met, zone)}.`);
    if (c.meetings > 1) parts.push(`Met in ${c.meetings} rounds.`);
  } else {
    parts.push("Not met in a round yet.");
  }
  if (c.last_activity_at) parts.push(`Last in touch ${formatDay(c.last_activity_at, zone)}.`);
  return parts.join(" ");
}

/** Tap to call, write, or open their profile: only the links they have. */
export function ContactLinks({
  contact: c,
  small,
}: {
  contact: { name: string; phone: string | null; tel_uri: string | null; email: string | null; mailto_uri: string | null; profile_url?: string | null };
  small?: boolean;
}) {
  const size = small ? " btn--small" : "";
  if (!c.tel_uri && !c.mailto_uri && !c.profile_url) {
    return <p class="small muted contact-links contact-links--none">No phone or email yet.</p>;
  }
  return (
    <div class="contact-links">
      {c.tel_uri && (
        <a class={`btn btn--secondary${size}`} href={c.tel_uri}>
          Call {c.phone}
          <span class="visually-hidden"> ({c.name})</span>
        </a>
      )}
      {c.mailto_uri && (
        <a class={`btn btn--ghost${size}`} href={c.mailto_uri}>
          Email<span class="visually-hidden"> {c.name}</span>
        </a>
      )}
      {c.profile_url && /^https?:\/\//i.test(c.profile_url) && (
        <a class={`btn btn--ghost${size}`} href={c.profile_url} target="_blank" rel="noopener noreferrer">
          Profile<span class="visually-hidden"> of {c.name} (opens in a new tab)</span>
        </a>
      )}
    </div>
  );
}
