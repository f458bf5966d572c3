"""Render Yizhan's nginx site from deploy/nginx/yizhan.conf.template.

The production site and the one `make serve` runs come from the same template:

    .venv/bin/python -m deploy.render --env-file /etc/yizhan/yizhan.env \\
        --certificate /etc/letsencrypt/live/forum.example.org/fullchain.pem \\
        --certificate-key /etc/letsencrypt/live/forum.example.org/privkey.pem \\
        > /etc/nginx/sites-available/yizhan

The environment file decides what the site must agree with: the host names
(DJANGO_ALLOWED_HOSTS), HTTPS or plain HTTP (DJANGO_SECURE_SSL_REDIRECT, on by default in
production), the media folder (DJANGO_MEDIA_ROOT) and the internal location for private files
(DJANGO_MEDIA_X_ACCEL_PREFIX). Options give the rest (`--help`).
"""

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script (python deploy/render.py)
    sys.path.insert(0, str(ROOT))

from core.envfile import read_env_file  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent / "nginx"
PRODUCTION_ROOT = "/srv/yizhan"
DEFAULT_WEB = "127.0.0.1:8001"
DEFAULT_WS = ["127.0.0.1:8101", "127.0.0.1:8102"]
# Event covers (events.models.Event.cover, upload_to="events/covers/%Y/") are public pictures;
# every other upload is served only through a view that checks the permission.
PUBLIC_MEDIA_FOLDER = "events/covers/"
# Characters that would end or split an nginx directive.
UNSAFE = re.compile(r"[\s;{}'\"#]")


class RenderError(ValueError):
    pass


def _engine():
    from django.template import Engine

    return Engine(dirs=[str(TEMPLATES)], autoescape=False)


def _render(name: str, context: dict) -> str:
    from django.template import Context

    for key, value in context.items():
        if key == "variant" or not isinstance(value, str | list):
            continue
        items = value.split() if key == "server_names" else value
        for item in items if isinstance(items, list) else [items]:
            if UNSAFE.search(item):
                raise RenderError(f"{key}: {item!r} cannot go into an nginx config")
    text = _engine().get_template(name).render(Context(context, autoescape=False))
    return re.sub(r"\n{3,}", "\n\n", text).lstrip()


def _flag(env: dict, name: str, default: bool) -> bool:
    value = env.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def _prefix(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    return "/" + value.strip("/") + "/"


def server_names(allowed_hosts: str) -> str:
    """nginx's server_name for DJANGO_ALLOWED_HOSTS (a leading dot means the same to both)."""
    names = [name.strip() for name in allowed_hosts.split(",") if name.strip()]
    names = ["_" if name == "*" else name for name in names]
    return " ".join(names) or "_"


def site_context(
    env: dict,
    *,
    root: str = PRODUCTION_ROOT,
    tls: bool | None = None,
    certificate: str = "/etc/yizhan/tls/fullchain.pem",
    certificate_key: str = "/etc/yizhan/tls/privkey.pem",
    http_port: int = 80,
    https_port: int = 443,
    listen_address: str = "",
    web: str = DEFAULT_WEB,
    ws: list[str] | None = None,
    access_log: str = "/var/log/nginx/yizhan.access.log",
) -> dict:
    """The template's values for the environment `env` (the variables of the env file)."""
    debug = _flag(env, "DJANGO_DEBUG", True)
    if tls is None:
        tls = _flag(env, "DJANGO_SECURE_SSL_REDIRECT", not debug)
    media_root = env.get("DJANGO_MEDIA_ROOT") or f"{root}/media"
    return {
        "variant": "HTTPS" if tls else "plain HTTP",
        "tls": tls,
        "certificate": certificate,
        "certificate_key": certificate_key,
        "http_port": str(http_port),
        "https_port": str(https_port),
        "http_listen": f"{listen_address}:{http_port}" if listen_address else str(http_port),
        "ipv6": not listen_address,
        "server_names": server_names(env.get("DJANGO_ALLOWED_HOSTS", "")),
        "web": web,
        "ws": list(ws or DEFAULT_WS),
        "static_root": f"{root}/staticfiles",
        "media_root": media_root.rstrip("/"),
        "public_media_url": "/media/" + PUBLIC_MEDIA_FOLDER,
        "public_media_folder": PUBLIC_MEDIA_FOLDER,
        "x_accel_prefix": _prefix(env.get("DJANGO_MEDIA_X_ACCEL_PREFIX", "")),
        "access_log": access_log,
    }


def render_site(context: dict) -> str:
    return _render("yizhan.conf.template", context)


def render_local_main(*, run: str, user: str = "", mime_types: str = "/etc/nginx/mime.types"):
    """The main config `make serve` starts nginx with (it includes run/nginx/yizhan.conf)."""
    return _render("local.conf.template", {"run": run, "user": user, "mime_types": mime_types})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--env-file", required=True, help="the environment file of the site")
    parser.add_argument("--root", default=PRODUCTION_ROOT, help="the project folder")
    variant = parser.add_mutually_exclusive_group()
    variant.add_argument("--tls", action="store_true", default=None, help="HTTPS on 443")
    variant.add_argument("--http", dest="tls", action="store_false", help="plain HTTP only")
    parser.add_argument("--certificate", default="/etc/yizhan/tls/fullchain.pem")
    parser.add_argument("--certificate-key", default="/etc/yizhan/tls/privkey.pem")
    parser.add_argument("--port", type=int, default=80, help="plain HTTP port")
    parser.add_argument("--web", default=DEFAULT_WEB, help="gunicorn's address")
    parser.add_argument(
        "--ws",
        default=",".join(DEFAULT_WS),
        help="the uvicorn workers' addresses, comma-separated (one yizhan-ws@PORT each)",
    )
    parser.add_argument("--output", help="write here instead of standard output")
    args = parser.parse_args(argv)
    context = site_context(
        read_env_file(args.env_file),
        root=args.root.rstrip("/"),
        tls=args.tls,
        certificate=args.certificate,
        certificate_key=args.certificate_key,
        http_port=args.port,
        web=args.web,
        ws=[address.strip() for address in args.ws.split(",") if address.strip()],
    )
    text = render_site(context)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
