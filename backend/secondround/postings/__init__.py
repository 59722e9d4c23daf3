"""Job posting import: a schema.org JobPosting (JSON-LD, or a saved page that embeds one) becomes an
application. `parse` and `html_markdown` are pure (no database, no HTTP); `service` saves."""
