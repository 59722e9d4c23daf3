"""What an operator runs the service by: structured logs with a request id, an access log, and
Prometheus metrics (README, "Operating it")."""
