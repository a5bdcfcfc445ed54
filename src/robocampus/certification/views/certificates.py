"""certificates views (being written)."""

urlpatterns: list = []
