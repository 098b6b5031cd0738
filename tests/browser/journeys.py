"""Small helpers the browser journeys share."""

PASSWORD = "Test@Passw0rd"  # tests.factories.PASSWORD, which every factory-made user has


def expect_text(page, text: str, timeout: int = 10_000) -> None:
    """Wait until `text` (a flash message, a heading …) appears in the page's main area."""
    page.locator("main").get_by_text(text, exact=False).first.wait_for(timeout=timeout)


def main_text(page) -> str:
    return page.locator("main").inner_text()
