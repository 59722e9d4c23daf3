// One contact: how to reach them (tap to call or write), their details to edit, the rounds where you
// met them across applications, and every entry of your logs with them.
import { useState } from "preact/hooks";
import { Link, useLocation } from "wouter-preact";
import { useContact, useDeleteContact, useUpdateContact } from "../api/queries/contacts";
import { useMe } from "../api/queries/me";
import { FormError } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { browserZone, formatDateTime } from "../time";
import { activityKindLabel } from "./application/Timeline";
import { ContactForm } from "./contacts/ContactForm";
import { ContactLinks, roundWords } from "./contacts/parts";

export default function ContactScreen({ id }: { id: string }) {
  const contact = useContact(id);
  const zone = useMe().data?.time_zone ?? browserZone();
  const update = useUpdateContact();
  const remove = useDeleteContact();
  const [, navigate] = useLocation();
  const [saved, setSaved] = useState(false);
  if (contact.isPending) return <Loading label="Loading the contact" />;
  if (contact.isError) {
    return (
      <Page title="Contact" eyebrow={<Link href="/contacts">Contacts</Link>}>
        <ErrorState error={contact.error} retry={() => contact.refetch()} />
      </Page>
    );
  }
  const c = contact.data;
  const sub = [c.title, c.company].filter(Boolean).join(" at ");
  return (
    <Page title={c.name} eyebrow={<Link href="/contacts">Contacts</Link>} lead={sub || undefined}>
      <div class="contact-page">
        <section class="card stack" aria-labelledby="reach-title">
          <h2 id="reach-title" class="card__title">
            Reach {c.name}
          </h2>
          <ContactLinks contact={c} />
          {(c.phone || c.email) && (
            <p class="small muted contact-page__plain">
              {[c.phone, c.email].filter(Boolean).join(" · ")}
            </p>
          )}
        </section>

        <section class="card stack" aria-labelledby="met-title">
          <h2 id="met-title" class="card__title">
            Where you met
          </h2>
          {c.appearances.length === 0 ? (
            <p class="small muted">
              Not in any round yet. When you add them to a round's people (same email, or same name at the same company),
              the round appears here.
            </p>
          ) : (
            <ul class="contact-met">
              {c.appearances.map((a) => (
                <li key={a.interviewer_id}>
                  <Link href={`/rounds/${a.round_id}`}>{roundWords(a, zone)}</Link>
                  <span class="small muted">
                    {" "}
                    · <Link href={`/applications/${a.application_id}`}>the application</Link>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section class="card stack" aria-labelledby="with-title">
          <h2 id="with-title" class="card__title">
            Activity with {c.name}
          </h2>
          {c.activity.length === 0 ? (
            <Empty title="Nothing logged with them yet">
              Calls, emails and notes you add to an application's activity and link to this person appear here.
            </Empty>
          ) : (
            <ol class="contact-activity">
              {c.activity.map((e) => (
                <li key={e.id} class="contact-activity__entry">
                  <div class="contact-activity__head small">
                    <span class="badge">{activityKindLabel[e.kind]}</span>{" "}
                    <time dateTime={e.occurred_at}>{formatDateTime(e.occurred_at, zone)}</time>
                    {e.edited && <span class="muted"> · edited</span>}
                    {" · "}
                    <Link href={`/applications/${e.application_id}`}>open the application</Link>
                  </div>
                  {e.text && <p class="contact-activity__text">{e.text}</p>}
                </li>
              ))}
            </ol>
          )}
          {c.activity_more && <p class="small muted">Only the latest 100 entries are shown here; each application's log has them all.</p>}
        </section>

        <section class="card stack" aria-labelledby="details-title">
          <h2 id="details-title" class="card__title">
            Details
          </h2>
          <ContactForm
            key={c.etag}
            label={`Details of ${c.name}`}
            initial={c}
            submit="Save changes"
            pending={update.isPending}
            saved={saved && "Saved."}
            onSave={(body, errors) => {
              setSaved(false);
              update.mutate(
                { contact: c, body },
                { onSuccess: () => setSaved(true), onError: (e) => errors.show(e) },
              );
            }}
          />
        </section>

        <section class="card stack" aria-labelledby="delete-title">
          <h2 id="delete-title" class="card__title">
            Delete
          </h2>
          <p class="small">
            Deleting the contact keeps the rounds' people and your log entries; they just no longer point here.
          </p>
          <FormError error={remove.error} />
          <div>
            <button
              type="button"
              class="btn btn--danger"
              disabled={remove.isPending}
              onClick={() => {
                if (!confirm(`Delete the contact ${c.name}? The rounds and log entries stay.`)) return;
                remove.mutate(c, { onSuccess: () => navigate("/contacts") });
              }}
            >
              Delete {c.name}
            </button>
          </div>
        </section>
      </div>
    </Page>
  );
}
