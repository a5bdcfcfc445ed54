"""WSGI entry point (gunicorn robocampus.site.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "robocampus.site.settings")
application = get_wsgi_application()
