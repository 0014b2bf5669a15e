from django.apps import AppConfig


class EditingConfig(AppConfig):
    name = "scorecard.web.editing"
    label = "editing"
    verbose_name = "Editing the plan"
    default_auto_field = "django.db.models.BigAutoField"
