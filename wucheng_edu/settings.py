"""Settings for the 依法治教 portal, read from the environment (django-environ).

One module for every environment. Development values come from `.env`, which `make run` and
`make test` write on first use; production sets real environment variables. Nothing here has a
production default for a secret, and DEBUG is off unless the environment turns it on.
"""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV", default=True) and (BASE_DIR / ".env").exists():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY")  # no default: fail closed
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Django's admin with the portal's site: reference data for the 系统管理员 (accounts.admin_site).
    "accounts.admin_app.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "core",
    "documents",
    "accounts",
    "directory",
    "inspections",
    "legalaid",
    "conversions",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (accounts.access requires it by role).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.IdleTimeoutMiddleware",
    # Files kept from a form that was not saved go back into request.FILES (core.pending_uploads).
    "core.pending_uploads.PendingUploadMiddleware",
    # Cache-Control: no-store, private on every response to a signed-in user (pages and downloads).
    "accounts.middleware.NoStoreForSignedInMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # AxesMiddleware last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wucheng_edu.urls"
WSGI_APPLICATION = "wucheng_edu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
# Reconnect by itself after a database restart instead of failing on a dead persistent connection.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a writer waits for another's lock before "database is locked": gunicorn's workers and
        # the task worker share the file, and an import task holds its write transaction for seconds.
        "timeout": 20,
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The covering indexes' INCLUDE columns are a PostgreSQL optimization; SQLite builds the same
    # indexes without them, which is what the development default needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
# PostgreSQL's JIT compiles any query the planner costs above 100,000 (a count or a sort over a
# province's rows) and spent 15-20 ms doing so on pages that run in 5-40 ms: off for this workload
# (docs/performance.md). DB_JIT=true turns it back on.
for _db in DATABASES.values():
    if _db["ENGINE"] == "django.db.backends.postgresql" and not env.bool("DB_JIT", default=False):
        _db.setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cached figures, menus and list counts (core.caching, core.listing), and the data versions that
# invalidate them. The default keeps them per process, right for `runserver` only: every process that
# writes or reads (gunicorn workers, task workers, hosts) must share one cache, CACHE_URL=redis://host:6379/1
# or CACHE_URL=dbcache://portal_cache (after `manage.py createcachetable`); `check --deploy` warns
# (core.W001), docs/deploy.md.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's own 403 for a failed CSRF check is English: ours says what happened in Chinese.
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# The security policy (accounts.models.SecurityPolicy) is kept by the 安全管理员 in the portal; these
# are its first values, and its lower bounds keep it at 等保 level 3 whatever is typed there.
PASSWORD_MIN_LENGTH = env.int("PASSWORD_MIN_LENGTH", default=8)
PASSWORD_MIN_CHARACTER_CLASSES = env.int("PASSWORD_MIN_CHARACTER_CLASSES", default=3)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.validators.PolicyMinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.CharacterClassesValidator"},
]

# Login lockout (django-axes): after SecurityPolicy.failure_limit failures (5) of a username — a wrong
# password or a wrong second-factor code — from any address or several, the username is locked for
# SecurityPolicy.lockout_minutes (15). django-axes locks when any of the combinations reaches the limit:
# the username alone (a spread attack from many addresses) and username + address (the classic case,
# which the username alone already covers; listed so axes' check W006 sees the address counted).
# The address alone is not a combination: a school or the bureau's office behind one NAT address
# would lock everyone out after a few typos.
LOGIN_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_FAILURE_LIMIT = "accounts.lockout.failure_limit"
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = "accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.views.signin.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if env.int("AXES_PROXY_COUNT", default=0) else ["REMOTE_ADDR"]
)

# Two-factor sign-in (django-otp, accounts.two_factor): TOTP codes from an authenticator app.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="婺城区依法治教平台")

# Sessions: logged out after 30 idle minutes (accounts.middleware.IdleTimeoutMiddleware; the security
# administrator changes it in the portal, for sessions that start afterwards).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT_SECONDS", default=30 * 60)
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Transport security: on by default, off only when the development environment says so.
SECURE = env.bool("DJANGO_SECURE", default=not DEBUG)
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31536000 if SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: everything from our own origin, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# A filter menu without its own empty label says 全部 (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = "全部"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["wucheng_edu.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
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
# Uploaded files live outside the static tree and are served only through permission-checked views.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# Backups (scripts/backup.sh writes them and its status file; /healthz reports the last good one).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(BASE_DIR / "backups")))
BACKUP_STATUS_FILE = Path(env.str("BACKUP_STATUS_FILE", default=str(BACKUP_DIR / "status.json")))
BACKUP_MAX_AGE_HOURS = env.float("BACKUP_MAX_AGE_HOURS", default=26)
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail (the daily 待办 digest, core.digest): EMAIL_URL such as
# smtp+tls://user:password@smtp.example.gov.cn:587 (docs/deploy.md). Without it no mail leaves the host.
vars().update(env.email_url("EMAIL_URL", default="dummymail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The portal's address as users reach it, for the absolute links in e-mails.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")

TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# Formula escaping is done by core.exports.write_xlsx (a quoted text cell), which keeps the text intact.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = True

# The issuing organization of official documents and reports.
BUREAU_CREDIT_CODE = env.str("BUREAU_CREDIT_CODE", default="11330702732038549W")
BUREAU_NAME = env.str("BUREAU_NAME", default="金华市婺城区教育局")
PORTAL_TITLE = env.str("PORTAL_TITLE", default="婺城区依法治教工作平台")

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    # A refused request (403) is one line with who asked, not a traceback (core.logging).
    "filters": {"one_line_forbidden": {"()": "core.logging.OneLineForbidden"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own logger keeps its INFO level otherwise, and its 404/403 warnings (with a
        # traceback for each 403) would pass whatever LOG_LEVEL says; `make run` sets ERROR.
        "django": {"level": LOG_LEVEL},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.request": {"filters": ["one_line_forbidden"]},
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Official-document PDFs (documents/): font families per role and the only directories WeasyPrint
# may read fonts from. A bureau with licensed fonts lists them first, e.g.
# DOCUMENT_FONTS='{"title": ["方正小标宋简体"], "body": ["仿宋_GB2312"]}'.
DOCUMENT_FONTS = env.json("DOCUMENT_FONTS", default={})
DOCUMENT_FONT_DIRS = env.list("DOCUMENT_FONT_DIRS", default=["/usr/share/fonts", "/usr/local/share/fonts"])

# Imports larger than this many rows run on the task worker (core.tasks) with a progress page.
IMPORT_SYNC_ROWS = env.int("IMPORT_SYNC_ROWS", default=2000)
# Exports of more rows are written by the task worker and downloaded from the job's page (core.exports).
EXPORT_SYNC_ROWS = env.int("EXPORT_SYNC_ROWS", default=2000)

# 营转非: days from opening to the deadline of a conversion case (the board flags cases past it).
CONVERSION_DEADLINE_DAYS = env.int("CONVERSION_DEADLINE_DAYS", default=15)
# 信息索引号 of published reports: issuer's credit code / year - serial.
REPORT_INDEX_NUMBER_FORMAT = env.str("REPORT_INDEX_NUMBER_FORMAT", default="{credit_code}/{year}-{serial:05d}")
