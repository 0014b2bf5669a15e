from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "scorecard.web.plans"
    label = "plans"
    verbose_name = "Plans and measures"
    default_auto_field = "django.db.models.BigAutoField"
