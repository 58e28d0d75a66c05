# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "jixiao web"
