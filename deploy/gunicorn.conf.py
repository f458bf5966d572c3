"""gunicorn's settings for Yizhan's pages (deploy/systemd/yizhan-web.service; `make serve`).

The address comes from the unit's `--bind`; everything else from here and the environment
file. Sync workers: a page is a few milliseconds of CPU, and nginx buffers slow clients.
"""

import os

wsgi_app = "forum.wsgi:application"
workers = int(os.environ.get("WEB_CONCURRENCY") or 2)
worker_class = "sync"
# Exports of large events take a while; nginx waits 75 s (deploy/nginx/).
timeout = 60
graceful_timeout = 20
# Load Django once in the master; the workers share its memory and start at once.
preload_app = True
# nginx logs every request; gunicorn logs only its own errors.
accesslog = None
errorlog = "-"
# nginx on this machine sets X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1,::1"
proc_name = "yizhan-web"
# No control socket (gunicornc): systemd and signals manage the process, and a second
# gunicorn on the machine would otherwise share its default path.
control_socket_disable = True


def child_exit(server, worker):
    """A worker that ended stops counting in live gauges (Prometheus multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
