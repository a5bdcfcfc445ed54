"""proctor views (being written)."""

urlpatterns: list = []
