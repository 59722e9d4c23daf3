"""`python -m secondround.server`: the production server (server/production.py)."""

from secondround.server.production import main

main()
