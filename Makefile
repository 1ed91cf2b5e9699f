# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test install migrate demo bench cluster clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

# axe-core for the browser tests' accessibility checks, from the npm registry.
node_modules/.installed: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: install Node.js to run the accessibility checks"; fi

install: $(STAMP) node_modules/.installed

migrate: install
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo

# Links in e-mails follow the port: make run PORT=8001.
run: export SITE_URL = http://127.0.0.1:$(PORT)
run: demo
	@echo "Serving on http://127.0.0.1:$(PORT), with a mail worker beside it (Ctrl+C stops both)"
	@echo "A publisher's page embedding a thread: http://localhost:$(PORT)/api/dev/publisher/"
	DJANGO_DEBUG=1 $(PY) manage.py run_tasks --no-reload --verbosity 0 & trap 'kill $$!' EXIT; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(PY) -m pytest

bench: install
	command -v wrk >/dev/null || apt-get install -y wrk
	$(PY) bench/run.py

# Two app servers behind nginx, two task workers, PostgreSQL and Redis, one of each killed
# under load: nothing lost or doubled, no 5xx (bench/cluster.py).
cluster: install
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || apt-get install -y nginx
	$(PY) bench/cluster.py

clean:
	rm -rf $(VENV) node_modules db.sqlite3 db.sqlite3-* .test-db.sqlite3* .pytest_cache screenshots staticfiles
