"""The ASGI entry point for uvicorn: `uvicorn secondround.asgi:app`."""

from secondround.main import create_app

app = create_app()
