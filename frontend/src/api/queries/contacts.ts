// Contacts: the people you met across applications (and any you added), with where you met them.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, ifMatch, listAll, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export type ContactListItem = Schemas["ContactListItem"];
export type ContactDetail = Schemas["ContactDetail"];

/** Every contact, oldest first, each with the round you met them in last and your latest entry with them. */
export function useContacts() {
  return useQuery({
    queryKey: keys.contacts,
    queryFn: () => listAll((page) => api.GET("/api/v1/contacts", { params: { query: page } })),
  });
}

/** One contact, with the rounds where you met them and the activity entries with them. */
export function useContact(id: string) {
  return useQuery({
    queryKey: keys.contact(id),
    queryFn: () => unwrap(api.GET("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: id } } })),
  });
}

export function useCreateContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["ContactCreate"]) => unwrap(api.POST("/api/v1/contacts", { body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.contacts }),
  });
}

/** A contact's details: the call script and the follow-ups read their phone and email, so they refresh too. */
export function useUpdateContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ contact, body }: { contact: { id: string; etag: string }; body: Schemas["ContactUpdate"] }) =>
      unwrap(
        api.PATCH("/api/v1/contacts/{contact_id}", {
          params: { path: { contact_id: contact.id }, header: ifMatch(contact) },
          body,
        }),
        [keys.contact(contact.id), keys.contacts],
      ),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: keys.contacts });
      qc.invalidateQueries({ queryKey: keys.allFollowUps });
    },
  });
}

export function useDeleteContact() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (contact: { id: string; etag: string }) =>
      unwrap(
        api.DELETE("/api/v1/contacts/{contact_id}", {
          params: { path: { contact_id: contact.id }, header: ifMatch(contact) },
        }),
        [keys.contact(contact.id), keys.contacts],
      ),
    onSuccess: (_, contact) => {
      qc.removeQueries({ queryKey: keys.contact(contact.id) });
      qc.invalidateQueries({ queryKey: keys.contacts });
    },
  });
}
