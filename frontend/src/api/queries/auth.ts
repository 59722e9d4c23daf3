// Signing in, up and out: each starts the app's cache afresh for the account.
import { useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

/** Forget everything read for the last account; remember who is signed in now (null: nobody). */
function startAfresh(qc: QueryClient, me: Schemas["MeRead"] | null) {
  qc.clear();
  qc.setQueryData(keys.me, me);
}

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["LoginRequest"]) => unwrap(api.POST("/api/v1/auth/login", { body })),
    onSuccess: (session) => startAfresh(qc, session.user),
  });
}

export function useSignUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas["RegisterRequest"]) => {
      await unwrap(api.POST("/api/v1/auth/register", { body }));
      return unwrap(api.POST("/api/v1/auth/login", { body: { email: body.email, password: body.password } }));
    },
    onSuccess: (session) => startAfresh(qc, session.user),
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/logout")),
    onSettled: () => startAfresh(qc, null),
  });
}
