# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
from django.apps import AppConfig


class StorageConfig(AppConfig):
    name = "jixiao.storage"
    label = "storage"
    verbose_name = "jixiao storage"
    default_auto_field = "django.db.models.BigAutoField"
