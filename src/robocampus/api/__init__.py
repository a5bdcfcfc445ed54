"""The REST API (django-ninja): lab check/run/debug/draft/submit/history and
the curriculum; OpenAPI docs at ``/api/docs``; session or token auth."""
