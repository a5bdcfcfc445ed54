from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "robocampus.facilities"
    verbose_name = _("Safety and robot cells")

    def ready(self) -> None:
        from robocampus.facilities import checks  # noqa: F401  (registers them)
