"""The Django site: settings, URLs, the Celery app, WSGI and ASGI entry points."""

from robocampus.site.celery import app as celery_app

__all__ = ["celery_app"]
