import { useLocation } from "wouter-preact";
import { useCreateContact } from "../../api/queries/contacts";
import { ContactForm } from "./ContactForm";

/** Add someone you did not meet in a round: a recruiter who called, a referral. */
export function AddContact({ onDone }: { onDone: () => void }) {
  const create = useCreateContact();
  const [, navigate] = useLocation();
  return (
    <section class="card" aria-labelledby="add-contact-title">
      <h2 id="add-contact-title" class="card__title">
        Add a contact
      </h2>
      <ContactForm
        label="Add a contact"
        submit="Save the contact"
        pending={create.isPending}
        cancel={onDone}
        onSave={(body, errors) =>
          create.mutate(body, {
            onSuccess: (made) => {
              onDone();
              navigate(`/contacts/${made.id}`);
            },
            onError: (e) => errors.show(e),
          })
        }
      />
    </section>
  );
}
