"""The nginx site rendered from deploy/nginx/yizhan.conf.template: what goes where, the
limits, and nginx's own verdict on both variants."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from core.envfile import read_env_file
from deploy import render, serve
from events.models import COVER_MAX_BYTES, MATERIAL_MAX_BYTES, Event

PRODUCTION_ENV = read_env_file(serve.ROOT / "deploy" / "yizhan.env.example")
NGINX = serve.NGINX if Path(serve.NGINX).exists() else ""


def site(**env) -> str:
    return render.render_site(render.site_context({**PRODUCTION_ENV, **env}))


def location(config: str, name: str) -> str:
    """The body of the main server's `location <name> { … }` (one level of braces)."""
    found = re.findall(r"location " + re.escape(name) + r" \{\n(.*?)\n    \}", config, re.S)
    assert found, f"no location {name}"
    return found[-1]


def megabytes(value: str) -> int:
    assert value.endswith("m"), value
    return int(value[:-1]) * 1024 * 1024


def test_the_production_environment_gives_the_https_site():
    config = site()
    assert "listen 443 ssl http2;" in config
    assert "ssl_certificate     /etc/yizhan/tls/fullchain.pem;" in config
    assert "ssl_certificate_key /etc/yizhan/tls/privkey.pem;" in config
    assert "return 301 https://$host$request_uri;" in config
    assert config.count("server_name forum.example.org;") == 2
    assert "listen 80;" in config


def test_plain_http_for_an_intranet_has_no_tls():
    config = site(DJANGO_SECURE_SSL_REDIRECT="0")
    assert "ssl" not in config.replace("DJANGO_SECURE_SSL_REDIRECT", "")
    assert "listen 80;" in config
    assert "return 301" not in config


def test_websockets_go_upgraded_to_the_uvicorn_workers_and_pages_to_gunicorn():
    config = site()
    ws = location(config, "/ws/")
    assert "proxy_pass http://yizhan_ws;" in ws
    assert "proxy_set_header Upgrade $http_upgrade;" in ws
    assert "proxy_set_header Connection $yizhan_connection_upgrade;" in ws
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in ws
    assert "proxy_pass http://yizhan_web;" in location(config, "/")
    assert "server 127.0.0.1:8101;\n    server 127.0.0.1:8102;" in config
    assert "upstream yizhan_web {\n    server 127.0.0.1:8001;\n}" in config


def test_static_files_come_from_collectstatic_and_only_covers_from_media():
    config = site()
    assert "alias /srv/yizhan/staticfiles/;" in location(config, "/static/")
    covers = location(config, "/media/events/covers/")
    assert "alias /var/lib/yizhan/media/events/covers/;" in covers
    assert location(config, "/media/").strip() == "return 404;"
    # The folder nginx serves publicly is the covers' own.
    upload_to = Event._meta.get_field("cover").upload_to
    assert upload_to.startswith(render.PUBLIC_MEDIA_FOLDER)


def test_private_files_are_reached_only_through_x_accel_redirect():
    config = site()
    internal = location(config, "/_protected_media/")
    assert internal.split("\n")[0].strip() == "internal;"
    assert "alias /var/lib/yizhan/media/;" in internal
    assert "_protected_media" not in site(DJANGO_MEDIA_X_ACCEL_PREFIX="")


def test_body_limits_fit_the_uploads_the_forms_take():
    config = site()
    general = re.search(r"\n    client_max_body_size (\w+);", config).group(1)
    assert megabytes(general) > max(COVER_MAX_BYTES, 10 * 1024 * 1024)  # covers, imports
    pattern = re.search(r'location ~ "(.+?)" \{', config).group(1)
    material_body = location(config, f'~ "{pattern}"')
    limit = re.search(r"client_max_body_size (\w+);", material_body).group(1)
    assert megabytes(limit) > MATERIAL_MAX_BYTES
    path = reverse("organizer:material_add", args=["host-a", "event-b", 7])
    assert re.fullmatch(pattern, path)


def test_unsafe_values_are_refused():
    with pytest.raises(render.RenderError) as caught:
        site(DJANGO_MEDIA_ROOT="/var/lib/yizhan/media; return 200")
    assert str(caught.value) == (
        "media_root: '/var/lib/yizhan/media; return 200' cannot go into an nginx config"
    )


def test_the_command_line_writes_the_site(tmp_path):
    env_file = tmp_path / "yizhan.env"
    env_file.write_text("DJANGO_DEBUG=0\nDJANGO_ALLOWED_HOSTS=forum.example.org,.example.org\n")
    output = tmp_path / "yizhan.conf"
    argv = ["--env-file", str(env_file), "--http", "--port", "8088", "--output", str(output)]
    assert render.main([*argv, "--ws", "127.0.0.1:9001,127.0.0.1:9002,127.0.0.1:9003"]) == 0
    config = output.read_text()
    assert "listen 8088;" in config
    assert "server_name forum.example.org .example.org;" in config
    assert config.count("server 127.0.0.1:900") == 3


def nginx_test(tmp_path, site_text: str) -> subprocess.CompletedProcess:
    run = tmp_path / "run"
    (run / "nginx").mkdir(parents=True)
    (run / "logs").mkdir()
    (run / "nginx" / "yizhan.conf").write_text(site_text)
    main = run / "nginx" / "nginx.conf"
    main.write_text(render.render_local_main(run=str(run), user=serve.nginx_user()))
    argv = [NGINX, "-t", "-q", "-p", str(run / "nginx"), "-c", str(main)]
    argv += ["-e", str(run / "logs" / "error.log")]
    return subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)  # noqa: S603


@pytest.mark.slow
@pytest.mark.skipif(not NGINX, reason="nginx is not installed (apt-get install nginx)")
@pytest.mark.skipif(not shutil.which("openssl"), reason="openssl is missing")
def test_nginx_accepts_both_variants(tmp_path):
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(  # noqa: S603
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]  # noqa: S607
        + ["-subj", "/CN=forum.example.org", "-keyout", str(key), "-out", str(cert)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    context = render.site_context(
        PRODUCTION_ENV,
        root=str(serve.ROOT),
        certificate=str(cert),
        certificate_key=str(key),
        http_port=18080,
        https_port=18443,
        access_log=str(tmp_path / "access.log"),
    )
    tls = nginx_test(tmp_path / "tls", render.render_site(context))
    assert (tls.returncode, tls.stderr) == (0, "")
    plain = render.site_context(
        {**PRODUCTION_ENV, "DJANGO_SECURE_SSL_REDIRECT": "0"},
        root=str(serve.ROOT),
        http_port=18080,
        access_log=str(tmp_path / "access.log"),
    )
    http = nginx_test(tmp_path / "http", render.render_site(plain))
    assert (http.returncode, http.stderr) == (0, "")
