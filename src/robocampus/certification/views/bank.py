"""bank views (being written)."""

urlpatterns: list = []
