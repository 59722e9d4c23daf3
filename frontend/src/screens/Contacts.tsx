// Contacts: the people you met across applications (a recruiter met in round 1 is the same person in
// round 3), and any you added. Find one by name or company, then call or email them with one tap.
import { useMemo, useState } from "preact/hooks";
import { Link } from "wouter-preact";
import { useContacts, type ContactListItem } from "../api/queries/contacts";
import { useMe } from "../api/queries/me";
import { Field } from "../components/Form";
import { Page } from "../components/Layout";
import { Empty, ErrorState, Loading } from "../components/States";
import { browserZone } from "../time";
import { AddContact } from "./contacts/AddContact";
import { ContactLinks, metLine } from "./contacts/parts";

export default function Contacts() {
  const contacts = useContacts();
  const zone = useMe().data?.time_zone ?? browserZone();
  const [query, setQuery] = useState("");
  const [adding, setAdding] = useState(false);
  const filtered = useMemo(() => {
    const q = query.trim().toLowerCase();
    // The people you were in touch with last come first; the rest by name.
    const list = [...(contacts.data ?? [])].sort(byRecent);
    if (!q) return list;
    return list.filter((c) => [c.name, c.company ?? "", c.title ?? "", c.email ?? ""].some((t) => t.toLowerCase().includes(q)));
  }, [contacts.data, query]);

  return (
    <Page
      title="Contacts"
      lead="The people you met across your applications: recruiters, managers, future colleagues. Call or write with one tap."
      actions={
        <button type="button" class="btn btn--primary" onClick={() => setAdding(true)} disabled={adding}>
          Add a contact
        </button>
      }
    >
      <div class="stack">
        {adding && <AddContact onDone={() => setAdding(false)} />}
        {contacts.isPending ? (
          <Loading label="Loading contacts" />
        ) : contacts.isError ? (
          <ErrorState error={contacts.error} retry={() => contacts.refetch()} />
        ) : contacts.data.length === 0 ? (
          <Empty title="No contacts yet">
            Everyone you add to an interview round becomes a contact here, the same person across rounds and applications.
            You can also add someone by hand, such as a recruiter who called you.
          </Empty>
        ) : (
          <>
            <div class="toolbar">
              <Field label="Search by name or company" name="contact-search">
                {(p) => (
                  <input {...p} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} autoComplete="off" />
                )}
              </Field>
            </div>
            {filtered.length === 0 ? (
              <Empty title="Nobody matches">No contact's name, company, title or email contains “{query.trim()}”.</Empty>
            ) : (
              <ul class="contact-list" aria-label="Contacts">
                {filtered.map((c) => (
                  <ContactRow key={c.id} contact={c} zone={zone} />
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </Page>
  );
}

function byRecent(a: ContactListItem, b: ContactListItem): number {
  const at = (c: ContactListItem) => [c.last_activity_at, c.last_met?.scheduled_at].filter(Boolean).sort().pop() ?? "";
  return at(b).localeCompare(at(a)) || a.name.localeCompare(b.name);
}

function ContactRow({ contact: c, zone }: { contact: ContactListItem; zone: string }) {
  const role = [c.title, c.last_met?.role_name].filter(Boolean).join(" · ");
  return (
    <li class="contact-row">
      <div class="contact-row__who">
        <Link href={`/contacts/${c.id}`} class="contact-row__name">
          {c.name}
        </Link>
        <div class="contact-row__sub">{[c.company ?? "No company", role].filter(Boolean).join(" · ")}</div>
        <div class="contact-row__met small muted">{metLine(c, zone)}</div>
      </div>
      <ContactLinks contact={c} small />
    </li>
  );
}
