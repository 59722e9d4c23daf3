// Move an application to another stage from a menu (the keyboard and phone way to drag a card).
import { useApplicationWrites, useUpdateApplication, type Application, type ApplicationStatus as Status } from "../../api/queries/applications";
import { focusWhenReady } from "../../components/focus";
import { APPLICATION_STATUSES, applicationStatusLabel } from "../../labels";

export function MoveMenu({ app }: { app: Application }) {
  const update = useUpdateApplication();
  // One move at a time: the next one goes with the version the last one left.
  const moving = useApplicationWrites(app.id) > 0;
  return (
    <>
      <label class="visually-hidden" for={`move-${app.id}`}>
        Move {app.company} to
      </label>
      <select
        id={`move-${app.id}`}
        value={app.status}
        disabled={moving}
        onChange={(e) => {
          update.mutate({ app, body: { status: e.currentTarget.value as Status } });
          // The card moves to another column (a new element): the menu keeps the focus.
          focusWhenReady(`move-${app.id}`);
        }}
      >
        {APPLICATION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {s === app.status ? applicationStatusLabel[s] : `Move to ${applicationStatusLabel[s].toLowerCase()}`}
          </option>
        ))}
      </select>
    </>
  );
}
