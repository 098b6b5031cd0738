"""Small helpers the browser journeys share."""

PASSWORD = "Test@Passw0rd"  # tests.factories.PASSWORD, which every factory-made user has


def expect_text(page, text: str, timeout: int = 30_000) -> None:
    """Wait until `text` (a flash message, a heading …) appears in the page's main area."""
    page.locator("main").get_by_text(text, exact=False).first.wait_for(timeout=timeout)


def main_text(page) -> str:
    return page.locator("main").inner_text()


def scripts_ready(page) -> None:
    """Wait until the page that the last click opened has loaded, so its scripts are wired up.

    A click returns once the next page starts loading; its deferred scripts (the confirmation of
    data-confirm buttons, "mark all", the report editor's figure picker) attach their handlers only at
    DOMContentLoaded. Call this before using one of them, or the step would race the page.
    """
    page.wait_for_load_state("load")


def choose(page, select: str, name: str) -> None:
    """Pick `name` in a searchable menu (Tom Select over the `select` element, static/js/search-select.js)
    as a user does: type part of the name into the box and click the match."""
    # The box, not its input: with a choice made, Tom Select hides the input until the box is clicked.
    page.locator(f".ts-control:has({select}-ts-control)").click()
    page.keyboard.type(name)
    page.locator(".ts-dropdown .option", has_text=name).first.click()
