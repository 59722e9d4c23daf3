import { useOfferComparison } from "../../api/queries/offers";
import { ErrorState, Loading } from "../../components/States";
import { formatDate, formatSalary } from "../../labels";
import { money } from "./money";

/** Open offers side by side, yearly, each against the range you researched. */
export function Comparison() {
  const compare = useOfferComparison(true);
  if (compare.isPending) return <Loading label="Comparing offers" />;
  if (compare.isError) return <ErrorState error={compare.error} retry={() => compare.refetch()} />;
  const { offers, note } = compare.data;
  if (offers.length === 0) return <p class="muted">No open offers to compare.</p>;
  return (
    <section class="section stack--tight" aria-labelledby="compare-title">
      <h2 id="compare-title">Side by side</h2>
      {note && <p class="notice">{note}</p>}
      <ul class="compare">
        {offers.map((o) => (
          <li key={o.offer_id} class="card stack--tight">
            <strong>{o.application.company}</strong>
            <span class="small muted">{o.application.position}</span>
            <dl class="compare__facts">
              <dt>Yearly base</dt>
              <dd>{money(o.yearly_base, o.currency)}</dd>
              <dt>Yearly bonus</dt>
              <dd>{o.yearly_bonus ? money(o.yearly_bonus, o.currency) : "None stated"}</dd>
              <dt>Yearly total</dt>
              <dd>{money(o.yearly_total, o.currency)}</dd>
              <dt>Equity</dt>
              <dd>{o.equity ?? "None stated"}</dd>
              <dt>Benefits</dt>
              <dd class="compare__text">{o.benefits ?? "None stated"}</dd>
              <dt>Start</dt>
              <dd>{o.start_date ? formatDate(o.start_date) : "Not set"}</dd>
              <dt>You researched</dt>
              <dd>
                {formatSalary(o.researched_min, o.researched_max, o.researched_currency) || "Not noted"}
              </dd>
              {o.respond_by && (
                <>
                  <dt>Respond by</dt>
                  <dd>{formatDate(o.respond_by)}</dd>
                </>
              )}
            </dl>
            <p class="small">{o.against_research}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
