// Signing in, up and out: each starts the app's cache afresh for the account.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, type Schemas } from "../client";
import { keys } from "./keys";

export function useSignIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas["LoginRequest"]) => unwrap(api.POST("/api/v1/auth/login", { body })),
    onSuccess: (session) => {
      qc.clear();
      qc.setQueryData(keys.me, session.user);
    },
  });
}

export function useSignUp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas["RegisterRequest"]) => {
      await unwrap(api.POST("/api/v1/auth/register", { body }));
      return unwrap(api.POST("/api/v1/auth/login", { body: { email: body.email, password: body.password } }));
    },
    onSuccess: (session) => {
      qc.clear();
      qc.setQueryData(keys.me, session.user);
    },
  });
}

export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/auth/logout")),
    onSettled: () => {
      qc.clear();
      qc.setQueryData(keys.me, null);
    },
  });
}
