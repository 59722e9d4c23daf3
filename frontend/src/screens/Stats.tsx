import { useStats } from "../api/queries/stats";
import { Page } from "../components/Layout";
import { ErrorState, Loading } from "../components/States";
import { applicationStatusLabel } from "../labels";
import { StageChart } from "./stats/StageChart";

export default function Stats() {
  const stats = useStats();
  return (
    <Page title="Stats" lead="How your search is going: counts, and how long each stage takes from the day you apply.">
      {stats.isPending ? (
        <Loading label="Loading your stats" />
      ) : stats.isError ? (
        <ErrorState error={stats.error} retry={() => stats.refetch()} />
      ) : (
        <div class="stack">
          <ul class="stats stats--counts">
            <li class="card">
              <strong class="stats__n">{stats.data.applications}</strong> {stats.data.applications === 1 ? "application" : "applications"}
            </li>
            <li class="card">
              <strong class="stats__n">{stats.data.rounds}</strong> {stats.data.rounds === 1 ? "round" : "rounds"}
            </li>
            <li class="card">
              <strong class="stats__n">{stats.data.offers}</strong> {stats.data.offers === 1 ? "offer" : "offers"}
            </li>
            <li class="card">
              <strong class="stats__n">{stats.data.practised_questions}</strong> {stats.data.practised_questions === 1 ? "question practised" : "questions practised"}
            </li>
          </ul>
          <section class="card stack--tight" aria-labelledby="stats-time">
            <h2 id="stats-time">Median days from applying</h2>
            <StageChart stages={stats.data.time_to_stage} />
          </section>
          <section class="card stack--tight" aria-labelledby="stats-outcomes">
            <h2 id="stats-outcomes">Outcomes</h2>
            <ul class="small stats__outcomes">
              {stats.data.applications_by_status
                .filter((c) => c.count > 0)
                .map((c) => (
                  <li key={c.value}>
                    {(applicationStatusLabel as Record<string, string>)[c.value] ?? c.value}: <strong>{c.count}</strong>
                  </li>
                ))}
            </ul>
          </section>
        </div>
      )}
    </Page>
  );
}
