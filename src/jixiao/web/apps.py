# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "jixiao web"

    def ready(self) -> None:
        from jixiao.web import access, checks  # noqa: F401  (signal receivers, deploy checks)
