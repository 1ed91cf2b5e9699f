"""Every setting of the forum, read from the environment.

The defaults are the embedded development set-up (SQLite, local-memory cache,
console e-mail), so a fresh clone runs with nothing set. Production sets
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL and the SMTP
variables.
"""

import hashlib
import os
import sys
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)  # `make run` turns it on
# The test suite runs with production settings; only it and development may use the public key.
TESTING = "PYTEST_VERSION" in os.environ or "test" in sys.argv[1:2]
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY: without it, sessions and unsubscribe links would be signed with a "
            "key published in the repository. (Development: DJANGO_DEBUG=1, as `make run` sets.)"
        )
    SECRET_KEY = "django-insecure-dev"  # check --deploy flags it
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

SITE_NAME = env("SITE_NAME", default="Waypoint Health Forum")
# The public address, for links in e-mails sent outside a request.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # accounts first, so its templates override allauth's.
    "accounts",
    "forum",
    "moderation",
    "core",
    "api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "config.middleware.HealthCheckMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "config.middleware.ForwardedHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "config.middleware.RequestGuardMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Readers without a session get a cached page here, before the session and everything after it.
    "forum.pagecache.CachedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.MemberTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
]
# Prometheus scrapers: /metrics answers these addresses or networks only (comma-separated).
METRICS_ALLOWED_IPS = env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
                "config.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite by default; PostgreSQL through DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers run beside the writer; IMMEDIATE takes the write
            # lock when a transaction starts, so concurrent posts queue up
            # behind the busy timeout instead of failing on lock upgrade.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
    # A file, not memory: the concurrency tests need several real connections.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default; Redis, shared by every app server, through REDIS_URL.
# The forum runs on without it (config/cache.py): a hung Redis costs a request at most one
# REDIS_TIMEOUT_SECONDS (a healthy one answers in about a millisecond, a 2 MB page in ten),
# after which the process skips it for CACHE_BREAKER_SECONDS.
REDIS_URL = env("REDIS_URL", default="")
REDIS_TIMEOUT_SECONDS = env.float("REDIS_TIMEOUT_SECONDS", default=0.05)
CACHE_BREAKER_SECONDS = env.float("CACHE_BREAKER_SECONDS", default=5)
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT_SECONDS, "socket_timeout": REDIS_TIMEOUT_SECONDS},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Accounts (django-allauth): sign in with e-mail, verified address required.
AUTH_USER_MODEL = "accounts.User"
# A member's public page is the forum's: accounts links to it without naming it.
ABSOLUTE_URL_OVERRIDES = {"accounts.user": lambda user: reverse("forum:member", args=[user.pk])}
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# One address per member: a new one replaces the old only once it is confirmed.
ACCOUNT_CHANGE_EMAIL = True
# A password change keeps this session and ends every other (Django's session hash).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_NAME}] "
ACCOUNT_RATE_LIMITS = {
    # allauth's defaults, written out so they are seen to be on.
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
}
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Publishers' own accounts by OpenID Connect (allauth's provider for it), as JSON: a list of
# {"id": "news", "name": "News Example", "server_url": "https://id.news.example.org",
#  "client_id": "...", "secret": "..."}; each is a "Sign in with" button on the sign-in page.
FORUM_OIDC_PROVIDERS = env.json("FORUM_OIDC_PROVIDERS", default=[])
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": [
    {"provider_id": provider["id"], "name": provider["name"], "client_id": provider["client_id"],
     "secret": provider["secret"], "settings": {"server_url": provider["server_url"]}}
    for provider in FORUM_OIDC_PROVIDERS]}}
SOCIALACCOUNT_ADAPTER = "accounts.adapter.SocialAccountAdapter"
# A reader new to the forum becomes a member at once, named as their provider names them. An
# address the provider has not verified gets the confirmation mail, as a sign-up's does; one an
# account here already has is not linked automatically (its owner signs in and connects it).
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False

# Tasks (e-mail to members): stored in the database with the change that causes them,
# run by `manage.py run_tasks` workers (core/tasks.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TASKS_MAX_ATTEMPTS = env.int("TASKS_MAX_ATTEMPTS", default=6)
# The first retry's delay; each later one waits four times longer (30 s ... 2 h 8 min).
TASKS_RETRY_DELAY_SECONDS = env.int("TASKS_RETRY_DELAY_SECONDS", default=30)
# Each worker writes a heartbeat this often; the running tasks of a worker silent for
# TASKS_WORKER_LOST_AFTER_SECONDS are run again by another (taken back within about 70 s).
TASKS_HEARTBEAT_SECONDS = env.float("TASKS_HEARTBEAT_SECONDS", default=10)
TASKS_WORKER_LOST_AFTER_SECONDS = env.float("TASKS_WORKER_LOST_AFTER_SECONDS", default=60)
# Tasks that succeeded are deleted after this many days (failed ones stay for the admin).
TASKS_KEEP_FINISHED_DAYS = env.int("TASKS_KEEP_FINISHED_DAYS", default=7)

# E-mail: console in development, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="forum@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where replies to moderators' decision mails go: a mailbox the moderators read.
MODERATION_REPLY_TO = env("MODERATION_REPLY_TO", default="moderators@localhost")
if env("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
    # A mail server that hangs fails the attempt, which is tried again later.
    EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "config" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

CSRF_FAILURE_VIEW = "config.views.csrf_failure"
# The largest request body taken (413 above it, multipart included): far above any comment
# or article form, far below what would tie up a worker reading it.
REQUEST_MAX_BODY_BYTES = env.int("REQUEST_MAX_BODY_BYTES", default=1_000_000)
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BODY_BYTES

# Production transport security; off in development, where there is no TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# TLS is usually ended at the load balancer, which redirects; opt in here otherwise.
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = not DEBUG
# Sessions are read from the cache and written through to the database, which stays their
# record (a cache that is lost or down costs a query, not a sign-in): every signed-in page
# asks the database one query fewer.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Powerful browser features the forum never uses, refused to every page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "browsing-topics", "camera", "geolocation", "gyroscope", "magnetometer",
    "microphone", "payment", "usb",
))
# Content Security Policy: nothing inline runs or styles, nothing loads from elsewhere.
# tests/test_security.py checks the templates keep to it.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Logs go to standard error: JSON lines in production (DJANGO_LOG_FORMAT=json), plain text in development.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "config.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json"),
        },
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}

# Forum rules.
FORUM_COMMENT_MAX_DEPTH = env.int("FORUM_COMMENT_MAX_DEPTH", default=5)
FORUM_COMMENT_MAX_LENGTH = env.int("FORUM_COMMENT_MAX_LENGTH", default=10_000)
FORUM_EDIT_WINDOW_MINUTES = env.int("FORUM_EDIT_WINDOW_MINUTES", default=15)
# A quote is a sentence or two of the comment answered, not a copy of it.
FORUM_QUOTE_MAX_LENGTH = env.int("FORUM_QUOTE_MAX_LENGTH", default=500)
# More @mentions than this in one comment is refused: a mention is a tap on the shoulder, not a mailing.
FORUM_MENTIONS_PER_POST = env.int("FORUM_MENTIONS_PER_POST", default=10)
# An article's conversation is shown this many comments to a page at most, whole threads where they fit.
FORUM_COMMENTS_PER_PAGE = env.int("FORUM_COMMENTS_PER_PAGE", default=300)
FORUM_POST_INTERVAL_SECONDS = env.int("FORUM_POST_INTERVAL_SECONDS", default=10)
FORUM_DUPLICATE_WINDOW_MINUTES = env.int("FORUM_DUPLICATE_WINDOW_MINUTES", default=10)
# Anonymous article and discussion pages are cached this long at most; every change replaces them sooner.
FORUM_PAGE_CACHE_SECONDS = env.int("FORUM_PAGE_CACHE_SECONDS", default=3600)
# Open thread pages ask this often whether there are new comments (forum/live.py); 0 switches it off.
FORUM_LIVE_SECONDS = env.int("FORUM_LIVE_SECONDS", default=20)
# The home page's relative times ("3 minutes ago") and articles scheduled to appear are at most this old.
FORUM_HOME_CACHE_SECONDS = env.int("FORUM_HOME_CACHE_SECONDS", default=60)
# Rate limits (count/period, period s, m, h or d), counted in the cache per member or address.
FORUM_RATE_LIMITS = {
    "post": env("FORUM_RATE_POST", default="30/h"),
    "report": env("FORUM_RATE_REPORT", default="20/h"),
    # "This helped me" and its undo, per member: enough for reading a long thread, not for churning counts.
    "helped": env("FORUM_RATE_HELPED", default="60/h"),
    "search": env("FORUM_RATE_SEARCH", default="30/m"),
    # nudge.js asks as a member pauses typing, about once every few seconds at most.
    "check": env("FORUM_RATE_CHECK", default="20/m"),
    # Another comment system screening its comments through the API (api/v1.py), per token.
    "screen": env("FORUM_RATE_SCREEN", default="600/m"),
    # Articles made by first views of publishers' pages (api/embed.py), per address.
    "embed": env("FORUM_RATE_EMBED", default="60/h"),
}
# Publishers' sites whose pages may show their threads (api/embed.py): origins such as
# https://news.example.org. Only their pages make articles, and only they may frame the thread.
# In development the forum's own address by another name (localhost for 127.0.0.1) is a publisher,
# whose page /api/dev/publisher/ embeds a thread as a publisher's would.
DEMO_PUBLISHER = SITE_URL.replace("//127.0.0.1", "//localhost") if DEBUG else ""
FORUM_EMBED_ORIGINS = [origin.rstrip("/").lower()
                       for origin in env.list("FORUM_EMBED_ORIGINS", default=[DEMO_PUBLISHER] if DEBUG else [])]
# The topic the articles of publishers' pages are filed under, made on the first.
FORUM_EMBED_TOPIC = env("FORUM_EMBED_TOPIC", default="on-publishers-pages")
# Publishers' single sign-on in their frames (api/sso.py), as JSON: origin -> {"algorithm": "HS256"
# or "RS256", "key": the shared secret or the public key in PEM, "trust_email": true to link an
# account the forum already has with the address}. Secrets come from the environment only.
FORUM_EMBED_SSO = {origin.rstrip("/").lower(): config
                   for origin, config in env.json("FORUM_EMBED_SSO", default={}).items()}
if DEBUG and DEMO_PUBLISHER not in FORUM_EMBED_SSO:
    # The development publisher's secret, derived from the development key, never set anywhere.
    FORUM_EMBED_SSO[DEMO_PUBLISHER] = {"algorithm": "HS256", "key": hashlib.sha256(
        f"demo-publisher:{SECRET_KEY}".encode()).hexdigest()}
# The audience (aud) a publisher's token must name: the forum.
FORUM_EMBED_SSO_AUDIENCE = env("FORUM_EMBED_SSO_AUDIENCE", default=SITE_URL)
# How long a member signed in inside a publisher's frame stays signed in there.
FORUM_EMBED_SIGN_IN_HOURS = env.int("FORUM_EMBED_SIGN_IN_HOURS", default=12)
# Webhooks (api/webhooks.py): how long a delivery waits for an answer, and whether plain http://
# addresses may be registered (development and tests; production signs over https only).
FORUM_WEBHOOK_TIMEOUT_SECONDS = env.float("FORUM_WEBHOOK_TIMEOUT_SECONDS", default=10)
FORUM_WEBHOOK_ALLOW_HTTP = env.bool("FORUM_WEBHOOK_ALLOW_HTTP", default=DEBUG)
# Behind a load balancer that appends the client's address to X-Forwarded-For.
FORUM_BEHIND_PROXY = env.bool("FORUM_BEHIND_PROXY", default=False)
# The load balancers' addresses (or networks): X-Forwarded-For and -Proto from anyone else are
# dropped (config.middleware). The variable gunicorn.conf.py reads too.
FORWARDED_ALLOW_IPS = env.list("FORWARDED_ALLOW_IPS", default=["127.0.0.1"])
# allauth's sign-in limits see the same client: the address the load balancer appended.
ALLAUTH_TRUSTED_PROXY_COUNT = 1 if FORUM_BEHIND_PROXY else 0
# What an imported comment that screening flags gets: "label" (the label, and a case) or "case" only.
FORUM_IMPORT_FLAGGED_ACTION = env("FORUM_IMPORT_FLAGGED_ACTION", default="label")
FORUM_FOLLOW_ON_POST = env.bool("FORUM_FOLLOW_ON_POST", default=True)  # posting follows the discussion

# Screening: scores at or above the flag threshold get MODERATION_FLAGGED_ACTION
# ("label": published with the unverified-claim label, or "hold"); at or above
# the hold threshold they are held whatever that setting says.
# What `train_screening` learns from when given no files: the public labelled
# tweets beside the project (shared/eval) and our own forum-style rows.
MODERATION_TRAINING_FILES = env.list("MODERATION_TRAINING_FILES", default=[
    str(BASE_DIR.parent / "shared" / "eval" / "health-claims-dev.tsv"),
    str(BASE_DIR / "tests" / "data" / "forum-claims.tsv"),
])
MODERATION_FLAG_THRESHOLD = env.float("MODERATION_FLAG_THRESHOLD", default=0.5)
MODERATION_HOLD_THRESHOLD = env.float("MODERATION_HOLD_THRESHOLD", default=0.9)
MODERATION_FLAGGED_ACTION = env("MODERATION_FLAGGED_ACTION", default="label")
MODERATION_HOLD_LINK_COUNT = env.int("MODERATION_HOLD_LINK_COUNT", default=2)
# Research and health authorities whose links count as a cited source and not toward the
# link hold: the list the admin starts from (Moderation > Recognised sources edits it).
MODERATION_RECOGNISED_SOURCES = [
    ("doi.org", "DOI"), ("pubmed.ncbi.nlm.nih.gov", "PubMed"), ("ncbi.nlm.nih.gov", "NCBI (PubMed Central)"),
    ("nih.gov", "US National Institutes of Health"), ("cochranelibrary.com", "Cochrane Library"),
    ("who.int", "World Health Organization"), ("cdc.gov", "US CDC"), ("nhs.uk", "NHS"), ("nice.org.uk", "NICE"),
    ("medlineplus.gov", "MedlinePlus"), ("fda.gov", "US FDA"), ("ema.europa.eu", "European Medicines Agency"),
    ("ecdc.europa.eu", "European CDC"), ("clinicaltrials.gov", "ClinicalTrials.gov"), ("bmj.com", "The BMJ"),
    ("thelancet.com", "The Lancet"), ("nejm.org", "NEJM"), ("jamanetwork.com", "JAMA Network"),
    ("cancer.gov", "US National Cancer Institute"), ("mayoclinic.org", "Mayo Clinic"),
]
# Claims held whoever writes them (trust never lightens these): medication changes and doses.
MODERATION_HOLD_CATEGORIES = env.list("MODERATION_HOLD_CATEGORIES", default=["medication_change", "dosage"])
# Trust: a member with no published post yet has the post held; one with at
# least MODERATION_TRUSTED_MIN_POSTS published and no rejection in
# MODERATION_TRUSTED_CLEAN_DAYS days gets the label where others are held.
MODERATION_HOLD_FIRST_POST = env.bool("MODERATION_HOLD_FIRST_POST", default=True)
MODERATION_TRUSTED_MIN_POSTS = env.int("MODERATION_TRUSTED_MIN_POSTS", default=5)
MODERATION_TRUSTED_CLEAN_DAYS = env.int("MODERATION_TRUSTED_CLEAN_DAYS", default=90)
# Reports from this many different members hide a post until a moderator decides.
MODERATION_REPORTS_TO_HIDE = env.int("MODERATION_REPORTS_TO_HIDE", default=3)
MODERATION_QUEUE_PAGE_SIZE = 25
MODERATION_CRISIS_MESSAGE = env(
    "MODERATION_CRISIS_MESSAGE",
    default=(
        "If you are thinking about suicide or harming yourself, you don't have to face it alone. "
        "In the US, call or text 988 (Suicide & Crisis Lifeline). In the UK and Ireland, call Samaritans "
        "on 116 123. Elsewhere, call your local emergency number."
    ),
)
