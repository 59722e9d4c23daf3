import { useState } from "preact/hooks";
import { useApplications } from "../api/queries/applications";
import { useOffers } from "../api/queries/offers";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { AddOffer } from "./offers/AddOffer";
import { Comparison } from "./offers/Comparison";
import { OfferCard } from "./offers/OfferCard";

export default function Offers() {
  const offers = useOffers();
  const applications = useApplications();
  const [adding, setAdding] = useState(false);
  const [comparing, setComparing] = useState(false);
  const byId = new Map((applications.data ?? []).map((a) => [a.id, a]));
  const open = (offers.data ?? []).filter((o) => o.status === "open");
  return (
    <Page
      title="Offers"
      lead="A verbal offer first: ask for it in writing. Then compare, and answer by the date they gave."
      actions={
        <div class="row">
          <button class="btn btn--primary" onClick={() => setAdding(true)} disabled={adding}>
            Add an offer
          </button>
          {open.length > 1 && (
            <button class="btn btn--secondary" aria-pressed={comparing} onClick={() => setComparing(!comparing)}>
              Compare side by side
            </button>
          )}
        </div>
      }
    >
      <div class="stack">
        {adding && <AddOffer onDone={() => setAdding(false)} />}
        {comparing && <Comparison />}
        {offers.isPending ? (
          <Loading label="Loading offers" />
        ) : offers.isError ? (
          <ErrorState error={offers.error} retry={() => offers.refetch()} />
        ) : offers.data.length === 0 ? (
          <Empty title="No offers yet">When a company offers you the job, even on a call, add it here.</Empty>
        ) : (
          <ul class="offers">
            {offers.data.map((o) => (
              <OfferCard key={o.id} offer={o} application={byId.get(o.application_id)} othersOpen={open.filter((x) => x.id !== o.id).length} />
            ))}
          </ul>
        )}
      </div>
    </Page>
  );
}
