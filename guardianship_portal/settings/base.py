"""Settings shared by every environment; local, test and production only override.

Configuration comes from the environment (12-factor, django-environ). The README's
configuration table lists every variable read here.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _
from xstatic.pkg import bootstrap as xstatic_bootstrap

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    # Staff's second factor (TOTP), issue #14: guardianship_portal/accounts/second_factor.py.
    "django_otp",
    "guardianship_portal.core.third_party_apps.SecondFactorConfig",
    # django-axes and the jobs' database backend under names in kk and ru (the admin
    # lists them): guardianship_portal/core/third_party_apps.py.
    "guardianship_portal.core.third_party_apps.LoginAttemptsConfig",
    # The job engine (README, "Jobs"): django.tasks backported, its database backend.
    "django_tasks",
    "guardianship_portal.core.third_party_apps.JobsConfig",
    "guardianship_portal.core",
    "guardianship_portal.accounts",
    "guardianship_portal.organisations",
    "guardianship_portal.workdays",
    "guardianship_portal.jobs",
    "applications",
    "documents",
    "supervision",
    "complaints",
    # Entitlements and monthly payments (issue #15).
    "payments",
    "services.patronat",
    "services.guardian_allowance",
    "services.camp_voucher",
    "services.free_meals",
    "services.material_aid",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the rest, so that every page, error pages and lockouts included, is no-store.
    "guardianship_portal.core.middleware.NoStoreMiddleware",
    # The client's address and the path, for the audit rows (issue #13).
    "guardianship_portal.core.request_context.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session given its second factor (django-otp);
    # then a staff session without one sees only the code page.
    "django_otp.middleware.OTPMiddleware",
    "guardianship_portal.accounts.second_factor.SecondFactorMiddleware",
    # After authentication: the supervision pages' reads from the replica, if any.
    "guardianship_portal.core.db_routing.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # NUL and other control characters in the path or any parameter: a translated 400
    # page before any view or the database sees them (issue #13).
    "guardianship_portal.core.middleware.RefuseControlCharactersMiddleware",
    # A page refused to the person's role leaves its line in the access log (#13).
    "applications.access_log.LogRefusedAccessMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guardianship_portal.urls"
WSGI_APPLICATION = "guardianship_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "guardianship_portal.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
# One request, one transaction: a failing view never leaves half-saved data.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT off for the portal's connections: the portal's queries are short index reads,
    # but at national scale the planner's cost estimates for the dashboard and search
    # plans cross jit_above_cost and PostgreSQL then spends more time compiling the
    # plan than running it (measured at 1M applications: JIT roughly doubled those
    # pages). Other clients of the database (reports, psql) keep the server's setting.
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options["options"] = f"{database_options.get('options', '')} -c jit=off".strip()
    # A connection per request by default (Django's), so any number of web processes
    # fits the server's max_connections; DATABASE_CONN_MAX_AGE keeps each process's
    # connection open that many seconds (README, "Configuration": 5-6 ms less per page
    # measured), checked before reuse so a restarted server costs no failed request.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # make run's embedded database is shared by the web server and the job worker: in
    # WAL mode readers never wait for the writer, a writer waits up to 20 s for the other
    # (the worker writes a rendered document; 5 s, the default, was seen to run out and
    # give a clerk a 500 page), and IMMEDIATE takes the write lock when a transaction
    # starts, so a waiting writer waits instead of failing halfway.
    database_options = DATABASES["default"].setdefault("OPTIONS", {})
    database_options.setdefault("timeout", 20)
    database_options.setdefault("transaction_mode", "IMMEDIATE")
    database_options.setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )

# A PostgreSQL read replica for the supervision pages (README, "Scale-out";
# guardianship_portal/core/db_routing.py): set REPLICA_DATABASE_URL and the pages named
# in REPLICA_READ_VIEWS read from it; writes, and every other page, use the primary.
REPLICA_DATABASE_URL = env("REPLICA_DATABASE_URL", default="")
REPLICA_DATABASE_ALIAS: str | None = None
if REPLICA_DATABASE_URL:
    REPLICA_DATABASE_ALIAS = "replica"
    replica = env.db_url_config(REPLICA_DATABASE_URL)
    # Reads only: no transaction around the request on the replica.
    replica["ATOMIC_REQUESTS"] = False
    replica.setdefault("OPTIONS", {}).update(DATABASES["default"].get("OPTIONS", {}))
    DATABASES[REPLICA_DATABASE_ALIAS] = replica
DATABASE_ROUTERS = ["guardianship_portal.core.db_routing.ReplicaRouter"]
REPLICA_READ_VIEWS = ("supervision:dashboard", "supervision:applications", "supervision:audit")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with each user's permissions kept in the cache (accounts/permissions.py).
    "guardianship_portal.accounts.permissions.CachedPermissionsBackend",
]
# How long a process may go on using a user's permissions after a change made in
# another process, when the cache is per process (locmem); a shared cache sees it at once.
PERMISSIONS_CACHE_SECONDS = env.int("PERMISSIONS_CACHE_SECONDS", default=60)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
# Staff (clerks, supervisors, quality control, administrators) log in with a second
# factor, a TOTP code (guardianship_portal/accounts/second_factor.py).
STAFF_SECOND_FACTOR = env.bool("STAFF_SECOND_FACTOR", default=True)
OTP_TOTP_ISSUER = "Қорғаншылық порталы"
LOGOUT_REDIRECT_URL = "core:home"

# Login throttling: after AXES_FAILURE_LIMIT failed attempts for one IIN from one
# address, further attempts are refused for AXES_COOLOFF_TIME.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The login form posts the IIN as "username" (Django's AuthenticationForm); axes would
# otherwise look for a field named after USERNAME_FIELD ("iin") and count nobody.
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_CALLABLE = "guardianship_portal.accounts.views.locked_out"
AXES_RESET_ON_SUCCESS = True
# Behind reverse proxies (a load balancer, nginx), how many of them append to
# X-Forwarded-For: the audit's addresses and every throttle then see the client, not the
# proxy (core/request_context.proxied_client_address). 0: the connection's address.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "guardianship_portal.core.request_context.proxied_client_address"
# Registration is throttled the same way: at most REGISTRATION_LIMIT posts of the form
# from one address within AXES_COOLOFF_TIME (counted in the cache below).
REGISTRATION_LIMIT = env.int("REGISTRATION_LIMIT", default=10)

# Counters that must be shared by every worker (the registration throttle). The default
# keeps them per process; with several workers point CACHE_URL at a shared cache, e.g.
# dbcache://portal_cache (after `manage.py createcachetable`) or a Redis/Memcached URL.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://portal")}

# Side effects (documents, notifications, reminders) are jobs (README, "Jobs"). The
# database backend writes a job as a row in the caller's transaction (committed with
# the change or not at all); `manage.py run_jobs` workers run them.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# Periodic jobs, enqueued by the workers once per slot (guardianship_portal/jobs/schedule.py):
# name → {"command": manage.py command, "args": [...]} or {"task": dotted path of a @job},
# "every": seconds, "offset": seconds after 00:00 UTC where the slot starts.
JOBS_SCHEDULE = {
    # Entitlements whose planned end has come (a child's 18th birthday, the term) end on
    # the day (payments/, issue #15). Daily at 00:10 in Astana (19:10 UTC), and safe to
    # run again: an ended entitlement is not ended twice.
    "end_entitlements": {
        "task": "payments.jobs.end_entitlements",
        "every": 24 * 60 * 60,
        "offset": 19 * 60 * 60 + 10 * 60,
    },
    # Stage and complaint reminders; safe every few minutes (what was sent is recorded).
    "check_deadlines": {"command": "check_deadlines", "every": 5 * 60},
    # A job left running by a worker that died is failed and enqueued again.
    "requeue_stalled_jobs": {
        "task": "guardianship_portal.jobs.api.requeue_stalled_jobs",
        "every": 10 * 60,
    },
    # The engine keeps every finished job: those done are pruned after 14 days, the
    # failed ones (given up, to be looked into in the admin) after 90. Daily at 02:00
    # in Astana (21:00 UTC).
    "prune_job_results": {
        "command": "prune_db_task_results",
        "args": ["--queue-name=*", "--min-age-days=14", "--failed-min-age-days=90"],
        "every": 24 * 60 * 60,
        "offset": 21 * 60 * 60,
    },
    # Files no row refers to (a killed upload, a rolled-back scan); it skips files
    # younger than ORPHAN_FILE_GRACE_HOURS, so a PDF a worker is writing stays. 03:00 Astana.
    "cleanup_orphan_files": {
        "command": "cleanup_orphan_files",
        "every": 24 * 60 * 60,
        "offset": 22 * 60 * 60,
    },
    # Audit lines older than AUDIT_RETENTION_DAYS. 03:30 Astana.
    "apply_audit_retention": {
        "command": "apply_audit_retention",
        "every": 24 * 60 * 60,
        "offset": 22 * 60 * 60 + 30 * 60,
    },
}

LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
# Django ships no formats for kk: ours give dd.mm.yyyy and a Monday-first week.
FORMAT_MODULE_PATH = ["guardianship_portal.formats"]
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "portal_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Read by the server only (the language switch is a form): no script needs it.
LANGUAGE_COOKIE_HTTPONLY = True

# The fake verifier's demo signing button: local settings only (settings/local.py).
DEMO_SIGNING = False

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Bootstrap from the xstatic-bootstrap package: no CDN, no copy in the repo.
    ("bootstrap", xstatic_bootstrap.BASE_DIR),
]
STORAGES = {
    # Uploaded scans are private: MEDIA_ROOT lies outside the web root and has no
    # MEDIA_URL route; files are served only through views that check permissions.
    # Several web nodes share one store: a shared filesystem mounted at MEDIA_ROOT, or an
    # S3-compatible store through django-storages (README, "Scale-out"):
    # MEDIA_STORAGE_BACKEND=storages.backends.s3.S3Storage and its options as JSON in
    # MEDIA_STORAGE_OPTIONS. Only the Storage API is used (no local paths), so any
    # backend serves.
    "default": {
        "BACKEND": env(
            "MEDIA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("MEDIA_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

# How long the audit (access log and application events) is kept, in days; older rows
# are removed by `manage.py apply_audit_retention` (run it daily). Five years by default:
# an application's file is kept that long, and the audit answers for it as long.
AUDIT_RETENTION_DAYS = env.int("AUDIT_RETENTION_DAYS", default=5 * 366)
# `manage.py cleanup_orphan_files` leaves files younger than this alone: an upload or a
# rendering in progress has written its file before its row is committed.
ORPHAN_FILE_GRACE_HOURS = env.int("ORPHAN_FILE_GRACE_HOURS", default=6)

# Scans attached to applications: checked by content (applications/uploads.py).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_PDF_PAGES = env.int("UPLOAD_MAX_PDF_PAGES", default=30)
UPLOAD_MAX_IMAGE_PIXELS = env.int("UPLOAD_MAX_IMAGE_PIXELS", default=40_000_000)
# Large uploads stream to a temporary file rather than memory; the request as a whole
# may be a little over one file's limit (form fields, multipart overhead).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# National gateways behind interfaces; the defaults are local fakes (named as such).
SMS_GATEWAY = env("SMS_GATEWAY", default="guardianship_portal.gateways.sms.FakeSmsGateway")
# The state registries (persons database, civil registry) through the e-government
# gateway (guardianship_portal/gateways/registry.py). Only a local fake exists here; a real
# adapter is a class with the same three methods, named in this setting.
REGISTRY_GATEWAY = env(
    "REGISTRY_GATEWAY", default="guardianship_portal.gateways.registry.FakeStateRegistry"
)
# A registry slower than this is treated as unavailable: the applicant uploads instead.
REGISTRY_TIMEOUT_SECONDS = env.float("REGISTRY_TIMEOUT_SECONDS", default=3.0)
# How long the fake takes for its "timeout" IINs (longer than the timeout, on purpose).
FAKE_REGISTRY_DELAY_SECONDS = 10.0

# Signing before filing (applications/signing.py). SMS one-time codes: 6 digits, valid
# 5 minutes, 3 wrong tries, a minute between codes, 5 codes an hour per phone and address.
SIGNING_CODE_TTL_SECONDS = 300
SIGNING_CODE_ATTEMPTS = 3
SIGNING_CODE_RESEND_SECONDS = env.int("SIGNING_CODE_RESEND_SECONDS", default=60)
SIGNING_CODE_LIMIT = env.int("SIGNING_CODE_LIMIT", default=5)
# EDS signatures are checked by this class: the local fake by default (it accepts only
# its own test signatures); production settings use NCANode (NCANODE_URL).
SIGNATURE_VERIFIER = env(
    "SIGNATURE_VERIFIER", default="guardianship_portal.gateways.signature.FakeSignatureVerifier"
)
NCANODE_URL = env("NCANODE_URL", default="http://127.0.0.1:14579")
NCANODE_TIMEOUT_SECONDS = env.float("NCANODE_TIMEOUT_SECONDS", default=10.0)
# The fake verifier's own test key (not a secret: the fake is for development and tests).
FAKE_SIGNATURE_KEY = "guardianship-portal-fake-eds-test-key"

# Printed in the QR code of every issued document: where /verify/<code>/ is reached.
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@guardianship.local")

CSRF_FAILURE_VIEW = "guardianship_portal.core.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Every page: scripts, styles, fonts and images from the portal itself only, no inline
# script or style (templates use classes of static/css/portal.css), no plugins, no
# framing. data: images are Bootstrap's own CSS icons (the menu button, select arrows).
# PDFs rendered by WeasyPrint never reach a browser as HTML, so their inline styles
# need no exception. Scans are served with a stricter sandboxing policy of their own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        # NCALayer, the PKI's program on the applicant's computer, answers on this local
        # WebSocket; the signing page asks it for the EDS (static/js/eds.js).
        "connect-src": [SELF, "wss://127.0.0.1:13579"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint and fontTools narrate every render step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # django-axes announces itself at every start; its lockouts stay at WARNING.
        "axes.apps": {"level": "WARNING"},
        # The job engine logs every job it starts and finishes at INFO.
        "django_tasks": {"level": "WARNING"},
        "django_tasks_db": {"level": "WARNING"},
    },
}
