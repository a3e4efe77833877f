"""WSGI entry point: `gunicorn wsgi:app` (APP_ENV=production in deployment)."""

from app import create_app

app = create_app()
