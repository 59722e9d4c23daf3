"""Idempotent POSTs: the `Idempotency-Key` request header (IETF draft-ietf-httpapi-idempotency-key-header)."""
