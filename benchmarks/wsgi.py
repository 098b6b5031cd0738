"""The project's WSGI application with the benchmark URL conf (adds /bench/trivial/ and /bench/admin/)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wucheng_edu.settings")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
settings.ROOT_URLCONF = "benchmarks.urls"
