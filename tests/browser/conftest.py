"""Browser journeys: Playwright (Python) driving the system Chromium against pytest-django's live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


@pytest.fixture(scope="module", autouse=True)
def _sync_orm_beside_playwright():
    # Playwright's sync API runs an event loop in this thread while the browser is open; the ORM calls
    # the tests (and their database teardown) make are ordinary synchronous calls, which Django would
    # otherwise refuse inside a running loop. Only for the browser modules, restored afterwards.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="module")
def browser(_sync_orm_beside_playwright):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: run scripts/setup_system.sh --browser (apt-get install chromium)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _open_page(browser, base_url, viewport=DESKTOP):
    """A page in a fresh browser context: its own cookies, as a separate person's browser would have.

    Console errors are collected in `page.console_errors`. Confirmation dialogs (data-confirm) are
    answered "OK", as the user walking the journey would, and their texts kept in `page.dialogs`.
    """
    # A narrow window, not Chromium's mobile emulation: that widens the layout viewport to fit wide
    # content, which would hide the very overflow the phone tests look for.
    context = browser.new_context(locale="zh-CN", viewport=viewport, base_url=base_url)
    context.set_default_timeout(60_000)  # a busy 2-core CI machine is slow, not broken
    page = context.new_page()
    errors, dialogs = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    def answer(dialog):
        dialogs.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    page.console_errors = errors
    page.dialogs = dialogs
    return page


@pytest.fixture
def new_page(browser, live_server, settings):
    """new_page() → another person's browser (a fresh context, nobody signed in); closed after the test.
    new_page(phone=True) is a 390 × 844 phone."""
    settings.SECURE_SSL_REDIRECT = False
    pages = []

    def new_page(*, phone=False):
        pages.append(_open_page(browser, live_server.url, PHONE if phone else DESKTOP))
        return pages[-1]

    yield new_page
    for page in pages:
        page.context.close()


@pytest.fixture
def page(new_page):
    return new_page()


def sign_in_on(page, username, password):
    """Sign in through the pages, second factor included: a role that must use one (局领导, the three
    administrators) binds an authenticator on its first sign-in (the code computed from the secret the
    page shows, as an app would) and later types the code of the moment."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.accounts.helpers import code_for, code_from_secret

    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/accounts/login/enrol/" in page.url:
        page.fill("input[name=code]", code_from_secret(page.locator("[data-secret]").inner_text()))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    elif "/accounts/login/verify/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        page.fill("input[name=code]", code_for(device, step_offset=1))
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"
    return page


@pytest.fixture
def sign_in(page):
    """sign_in(username, password) signs in on `page`; sign_in(..., on=other_page) on another browser."""

    def sign_in(username, password, *, on=None):
        return sign_in_on(on or page, username, password)

    return sign_in


@pytest.fixture
def shot(request):
    """shot(page, "step") saves a screenshot to $BROWSER_SHOTS/<test>-NN-step.png when that variable is set
    (to look at what a journey really did); without it, nothing is written."""
    folder = os.environ.get("BROWSER_SHOTS")
    count = iter(range(1, 100))

    def shot(page, step: str) -> None:
        if folder:
            os.makedirs(folder, exist_ok=True)
            name = f"{request.node.name}-{next(count):02d}-{step}.png"
            page.screenshot(path=os.path.join(folder, name), full_page=True)

    return shot
