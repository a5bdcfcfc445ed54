"""exams views (being written)."""

urlpatterns: list = []
