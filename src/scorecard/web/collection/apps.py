from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "scorecard.web.collection"
    label = "collection"
    verbose_name = "Collection and approval"
    default_auto_field = "django.db.models.BigAutoField"
