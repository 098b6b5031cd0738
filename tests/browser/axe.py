"""axe-core (tests/browser/vendor/axe-core) in the page under test: WCAG 2.1 A and AA rules."""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN = """(tags) => axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})"""


def axe_violations(page) -> list[str]:
    """The page's WCAG 2.1 A/AA violations, one line each: rule, what it asks, the first elements."""
    # Evaluated through the DevTools protocol, not added as a <script>: the portal's CSP rightly
    # refuses inline scripts, and the portal never serves axe itself.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
    result = page.evaluate(RUN, WCAG_21_AA)
    return [
        f"{v['id']} ({v['help']}; {len(v['nodes'])}处): " + "，".join(str(n["target"][-1]) for n in v["nodes"][:4])
        for v in result["violations"]
    ]
