import { useState } from "preact/hooks";
import type { Schemas } from "../../api/client";
import { useDecideOffer, useUpdateOffer, type Offer } from "../../api/queries/offers";
import { FormError, formValues } from "../../components/Form";
import { formatDate } from "../../labels";
import { money, periodLabel } from "./money";
import { OfferTermsFields, termsOf } from "./OfferTerms";

const statusLabel: Record<Offer["status"], string> = { open: "open", accepted: "accepted", declined: "declined", withdrawn: "withdrawn" };

/** One offer: its figures, the verbal ones kept, the next step, and what you can do now. */
export function OfferCard({ offer, application, othersOpen }: { offer: Offer; application?: Schemas["ApplicationRead"]; othersOpen: number }) {
  const update = useUpdateOffer();
  const decide = useDecideOffer();
  const [writing, setWriting] = useState(false);
  const [accepting, setAccepting] = useState(false);
  const open = offer.status === "open";
  const name = application ? `${application.company} · ${application.position}` : "Offer";
  return (
    <li class="card stack--tight offer" aria-label={name}>
      <div class="offer__head">
        <strong>{name}</strong>
        <span class={`badge ${open ? "badge--warn" : ""}`}>
          {offer.stage === "verbal" ? "Verbal" : "Written"}, {statusLabel[offer.status]}
        </span>
      </div>
      <p class="offer__amount">
        {money(offer.base_amount, offer.currency)} {periodLabel[offer.period]}
        {offer.bonus ? ` + ${money(offer.bonus, offer.currency)} bonus` : ""}
      </p>
      {offer.history.map((h, i) => (
        <p key={i} class="small muted">
          Earlier ({h.stage}): {money(h.base_amount, h.currency)} {periodLabel[h.period]}
        </p>
      ))}
      {(offer.equity || offer.start_date || offer.benefits) && (
        <dl class="offer__terms small">
          {offer.equity && (
            <>
              <dt>Equity</dt>
              <dd>{offer.equity}</dd>
            </>
          )}
          {offer.start_date && (
            <>
              <dt>Start</dt>
              <dd>{formatDate(offer.start_date)}</dd>
            </>
          )}
          {offer.benefits && (
            <>
              <dt>Benefits</dt>
              <dd>{offer.benefits}</dd>
            </>
          )}
        </dl>
      )}
      {offer.notes && <p class="small offer__notes">{offer.notes}</p>}
      {offer.respond_by && <p class="small">Respond by {formatDate(offer.respond_by)}</p>}
      <p class="offer__next">
        <span class="muted small">Next step: </span>
        {offer.next_step}
      </p>
      {open && !writing && !accepting && (
        <div class="row offer__actions">
          {offer.stage === "verbal" && !offer.asked_in_writing_at && (
            <button class="btn btn--secondary" onClick={() => update.mutate({ offer, body: { asked_in_writing_at: new Date().toISOString() } })}>
              I asked for it in writing
            </button>
          )}
          {offer.stage === "verbal" && (
            <button class="btn btn--secondary" onClick={() => setWriting(true)}>
              The written offer came
            </button>
          )}
          <button class="btn btn--primary" onClick={() => (othersOpen > 0 ? setAccepting(true) : decide.mutate({ offer, accept: true }))}>
            Accept
          </button>
          <button class="btn btn--ghost" onClick={() => decide.mutate({ offer, accept: false })}>
            Decline
          </button>
        </div>
      )}
      {accepting && (
        <div class="stack--tight" role="group" aria-label="Your other offers">
          <p>
            You have {othersOpen} other open offer{othersOpen === 1 ? "" : "s"}. Decline {othersOpen === 1 ? "it" : "them"} too, and end
            {othersOpen === 1 ? " its" : " their"} reminders?
          </p>
          <div class="row">
            <button class="btn btn--primary" onClick={() => decide.mutate({ offer, accept: true, declineOthers: true }, { onSettled: () => setAccepting(false) })}>
              Accept and decline the others
            </button>
            <button class="btn btn--secondary" onClick={() => decide.mutate({ offer, accept: true }, { onSettled: () => setAccepting(false) })}>
              Accept, keep the others
            </button>
            <button class="btn btn--ghost" onClick={() => setAccepting(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {writing && (
        <form
          class="stack--tight"
          aria-label="The written offer"
          onSubmit={(e) => {
            e.preventDefault();
            const v = formValues(e.currentTarget);
            update.mutate(
              {
                offer,
                body: { stage: "written", base_amount: v.base_amount ?? offer.base_amount, respond_by: v.respond_by || offer.respond_by, ...termsOf(v) },
              },
              { onSuccess: () => setWriting(false) },
            );
          }}
        >
          <label for={`written-${offer.id}`}>Base salary in the written offer ({offer.currency})</label>
          <input id={`written-${offer.id}`} name="base_amount" defaultValue={offer.base_amount} inputMode="decimal" required />
          <label for={`respond-${offer.id}`}>Respond by</label>
          <input id={`respond-${offer.id}`} name="respond_by" type="date" defaultValue={offer.respond_by ?? ""} />
          <OfferTermsFields idPrefix={`written-${offer.id}`} current={offer} errors={{}} open />
          <div class="row">
            <button class="btn btn--primary">Save the written offer</button>
            <button type="button" class="btn btn--ghost" onClick={() => setWriting(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormError error={update.error ?? decide.error} />
    </li>
  );
}
