"""results views (being written)."""

urlpatterns: list = []
