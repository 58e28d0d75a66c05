# mypy: disable-error-code="misc, untyped-decorator"
"""``jixiao manage check --deploy``: the settings a reverse-proxy deployment needs."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def proxy_for_https(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """``jixiao serve`` speaks plain HTTP: with ``JIXIAO_HTTPS`` a proxy terminates TLS, and
    unless it is trusted its ``X-Forwarded-Proto`` is dropped, every request looks like http
    and the https redirect loops (issue 11, item 5)."""
    https = bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None))
    redirect = bool(getattr(settings, "SECURE_SSL_REDIRECT", False))
    if https and redirect and not os.environ.get("JIXIAO_TRUSTED_PROXY", "").strip():
        return [
            Warning(
                "JIXIAO_HTTPS is on but JIXIAO_TRUSTED_PROXY is not set: behind the TLS proxy "
                "every request would look like plain http and the redirect to https would loop.",
                hint="Set JIXIAO_TRUSTED_PROXY to the proxy's address (or start the server "
                "with jixiao serve --trusted-proxy ADDR); docs/operations.md.",
                id="jixiao.W001",
            )
        ]
    return []
