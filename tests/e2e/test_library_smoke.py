"""Every lesson opens in the player and pages through to its end; every challenge opens.
One page, in-app navigation (no reloads), so the whole library takes seconds."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.e2e.test_lesson_loop import console_errors, dots, expect_saved, onboard
from tests.server import Server

pytestmark = pytest.mark.e2e


def go(page: Page, path: str) -> None:
    """Navigate inside the app, as a link would, without loading the page again."""
    page.evaluate(
        "(path) => { history.pushState(null, '', path);"
        " dispatchEvent(new PopStateEvent('popstate')); }",
        path,
    )


def test_every_lesson_and_every_challenge_opens(context: BrowserContext, server: Server) -> None:
    page = context.new_page()
    errors = console_errors(page)
    onboard(page, "Sam")
    pack = context.request.get(f"{server.url}/api/content").json()
    assert len(pack["lessons"]) >= 40
    heading = page.get_by_role("heading", level=1)

    for lesson in pack["lessons"]:
        go(page, f"/lessons/{lesson['id']}")
        expect(heading).to_have_text(lesson["title"])
        total = len(lesson["cards"])
        expect(dots(page)).to_have_attribute("aria-label", f"Card 1 of {total}")
        for card in range(2, total + 1):
            page.get_by_role("button", name="Next").click()
            expect(dots(page)).to_have_attribute("aria-label", f"Card {card} of {total}")
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_role("heading", name="Take it with you")).to_be_visible()
        expect(page.get_by_role("button", name="Finish lesson")).to_be_enabled()

    for challenge in pack["challenges"]:
        go(page, f"/challenges/{challenge['id']}")
        expect(heading).to_have_text(challenge["title"])
        expect(page.locator("ol.days > li")).to_have_count(len(challenge["days"]))
        last = len(challenge["days"])
        go(page, f"/challenges/{challenge['id']}/day/{last}")
        expect(heading).to_have_text(f"Day {last}: {challenge['days'][-1]['title']}")

    go(page, "/challenges")
    expect(page.locator(".lesson-item__link")).to_have_count(len(pack["challenges"]))
    expect_saved(page)
    assert errors == []
