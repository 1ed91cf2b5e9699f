"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py config.wsgi`.

Each value can be overridden from the environment, as on most platforms.
"""

import multiprocessing
import os

# Loopback unless told otherwise: the load balancer (nginx beside it, or GUNICORN_BIND set to
# the private address it reaches) is the only client an app server should have.
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Each instance its own control socket (gunicornc): gunicorn's default, one per user, would be
# shared by every instance on a host. The systemd unit names one in its runtime directory.
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET") or os.path.join(
    os.environ.get("XDG_RUNTIME_DIR") or os.path.expanduser("~/.gunicorn"), f"gunicorn-{bind.replace(':', '-')}.ctl")
# Synchronous workers: each request holds one database connection, which is what
# CONN_MAX_AGE and PostgreSQL's connection limit are sized for.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then, so slow leaks cannot grow for ever.
max_requests = 10000
max_requests_jitter = 1000
# The load balancer in front sets X-Forwarded-For and X-Forwarded-Proto; believed from it only
# (config.middleware.ForwardedHeadersMiddleware applies the same list in Django).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
# One JSON object per access, encoded rather than formatted, so any path stays one valid line.
logger_class = "config.logs.JsonAccessLogger"
errorlog = "-"

# Prometheus: every worker writes its counters to files in one directory, which a scrape of
# any worker adds up (config/exposition.py). Set it in the environment gunicorn starts from (each
# instance its own directory); the master empties it before the first worker starts.
prometheus_directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")


def on_starting(server):
    if prometheus_directory:
        os.makedirs(prometheus_directory, exist_ok=True)
        for name in os.listdir(prometheus_directory):
            if name.endswith(".db"):
                os.remove(os.path.join(prometheus_directory, name))


def child_exit(server, worker):
    if prometheus_directory:
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
