# mypy: disable-error-code="misc, no-any-return, untyped-decorator"
"""Language selection: 简体中文 unless the user chose another language with the switcher."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DefaultLanguageMiddleware(LocaleMiddleware):
    """Like :class:`LocaleMiddleware`, but the browser's Accept-Language is ignored.

    Staff of a 财政局 work in Chinese whatever their browser says; English is a deliberate
    choice kept in the language cookie set by the switcher.
    """

    def process_request(self, request):  # type: ignore[no-untyped-def]
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class StripNulMiddleware:
    """NUL characters are removed from every query and form value: PostgreSQL refuses them in
    text columns (a 500 from a pasted search or a form field), and no goal table holds one."""

    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request):  # type: ignore[no-untyped-def]
        for name in ("GET", "POST"):
            values = getattr(request, name)
            if any("\x00" in v for vs in values.lists() for v in vs[1]):
                cleaned = values.copy()
                for key, items in values.lists():
                    cleaned.setlist(key, [v.replace("\x00", "") for v in items])
                setattr(request, name, cleaned)
        return self.get_response(request)
