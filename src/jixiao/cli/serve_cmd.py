"""``jixiao serve [--demo] [--host H] [--port P]`` and ``jixiao manage ARGS…``.

``serve`` migrates the database on start (no manual step), optionally loads the demo data, and
serves the app with waitress (a production WSGI server); WhiteNoise serves the static files.
``manage`` runs Django's management commands with the same settings (``createsuperuser``,
``check --deploy`` …).
"""

from __future__ import annotations

import os
from typing import Annotated

import typer

from jixiao.cli import app
from jixiao.cli.output import err_console, out_console

SETTINGS = "jixiao.web.settings"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _print_demo_accounts(url: str) -> None:
    from jixiao.services.demo import ACCOUNTS, DEMO_PASSWORD

    out_console.print(f"\n[bold]jixiao[/bold] demo at [link={url}]{url}[/link]")
    out_console.print(f"Demo accounts (password [bold]{DEMO_PASSWORD}[/bold]):")
    for account in ACCOUNTS:
        out_console.print(f"  {account.username:<8} {account.description}", markup=False)


@app.command()
def serve(
    demo: Annotated[
        bool, typer.Option("--demo", help="Load the demo units, accounts and tables.")
    ] = False,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    threads: Annotated[int, typer.Option(help="Worker threads.")] = 8,
    trusted_proxy: Annotated[
        str | None,
        typer.Option(
            "--trusted-proxy",
            envvar="JIXIAO_TRUSTED_PROXY",
            help="Address of the reverse proxy (nginx) whose X-Forwarded-For / -Proto / -Host "
            "headers are trusted; from any other peer they are dropped.",
        ),
    ] = None,
) -> None:
    """Serve the web system (SQLite in JIXIAO_DATA_DIR, or DATABASE_URL)."""
    setup_django()
    from django.conf import settings

    try:
        migrate()
    except Exception as exc:  # a database that cannot be reached is a usage problem
        err_console.print(f"error: cannot prepare the database: {exc}", markup=False)
        raise typer.Exit(2) from exc
    shown_host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{shown_host}:{port}/"
    if demo:
        from jixiao.services.demo import DemoRefused, load_demo

        try:
            counts = load_demo()
        except DemoRefused as exc:
            err_console.print(f"error: --demo refused: {exc}", markup=False)
            raise typer.Exit(2) from None
        _print_demo_accounts(url)
        out_console.print(f"{counts['tables']} demo goal tables loaded.")
    else:
        out_console.print(f"jixiao at {url}  (data: {settings.DATA_DIR})", markup=False)
    if shown_host not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        err_console.print(
            f"warning: {shown_host} is not in JIXIAO_ALLOWED_HOSTS; requests will be refused",
            markup=False,
        )
    import waitress

    from jixiao.web.wsgi import application

    proxy: dict[str, object] = {}
    if trusted_proxy:
        # waitress turns the trusted headers into REMOTE_ADDR and the URL scheme, so behind
        # nginx each user keeps their own address (login throttling) and JIXIAO_HTTPS sees https
        proxy = {
            "trusted_proxy": trusted_proxy,
            "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto", "x-forwarded-host"},
            "clear_untrusted_proxy_headers": True,
        }
    waitress.serve(application, host=host, port=port, threads=threads, ident="jixiao", **proxy)


@app.command(
    context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    add_help_option=False,
)
def manage(ctx: typer.Context) -> None:
    """Run a Django management command (for example: jixiao manage createsuperuser)."""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jixiao manage", *ctx.args])
