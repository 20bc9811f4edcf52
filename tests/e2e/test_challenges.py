"""Challenges: a couple challenge proposed, accepted, checked off (offline too) and left; an
individual challenge that starts at once. Two browser contexts are two phones."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.e2e.test_lesson_loop import console_errors, expect_saved
from tests.e2e.test_partners import curly, link_through_api, phone, start, tab
from tests.server import Server

pytestmark = pytest.mark.e2e

NOTE = "I noticed you <em>refilled</em> the coffee & said nothing. Thank you!"


@pytest.fixture
def two_phones(browser: Browser, server: Server) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    first, second = phone(browser, server), phone(browser, server)
    yield first, second
    first.close()
    second.close()


def open_challenge(page: Page, title: str) -> None:
    tab(page, "Challenges")
    expect(page.get_by_role("heading", level=1)).to_have_text("Challenges")
    page.get_by_role("link", name=re.compile(f"^{re.escape(title)}")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def progress_row(page: Page, day: int) -> Locator:
    """The cells (you, then your partner) of a day in the progress table."""
    table = page.get_by_role("table")
    return table.get_by_role("row").nth(day).get_by_role("cell")


def runs(context: BrowserContext, server: Server) -> list[dict[str, Any]]:
    response = context.request.get(f"{server.url}/api/challenges")
    assert response.status == 200, response.text()
    return list(response.json()["runs"])


def test_a_couple_challenge_from_proposal_to_check_offs_to_leaving(
    two_phones: tuple[BrowserContext, BrowserContext], server: Server
) -> None:
    a, b = two_phones
    page_a, page_b = start(a, "Alex"), start(b, "Blake")
    link_through_api(a, b, server)
    page_b.reload()
    errors = console_errors(page_a) + console_errors(page_b)

    # Alex proposes a week for two.
    open_challenge(page_a, "Seven days of appreciation")
    expect(page_a.get_by_role("main")).to_contain_text("7 days · 5 minutes a day · For two")
    page_a.get_by_role("button", name="Propose to Blake").click()
    expect(page_a.get_by_role("main")).to_contain_text("Waiting for Blake to accept.")

    # Blake's Today shows the proposal (live), and Blake accepts.
    expect(page_b.get_by_role("main")).to_contain_text(
        "Alex would like to do this challenge with you.", timeout=15_000
    )
    page_b.get_by_role("link", name=re.compile("^See the proposal")).click()
    page_b.get_by_role("button", name="Accept").click()
    expect(page_b.get_by_role("heading", name="Doing it with Alex")).to_be_visible()
    expect(page_a.get_by_role("heading", name="Doing it with Blake")).to_be_visible(timeout=15_000)

    # Blake checks off day 1 offline, with a note for Alex.
    page_b.get_by_role("link", name="Go to day 1").click()
    expect(page_b.get_by_role("heading", level=1)).to_have_text("Day 1: Notice")
    b.set_offline(True)
    page_b.get_by_label("A note for Alex (optional)").fill(NOTE)
    page_b.get_by_role("button", name="Mark done").click()
    status = page_b.locator(".day-status [role=status]").first
    expect(status).to_contain_text(curly("Saved on this phone; it syncs when you're back online."))

    # Alex checks off day 1 from Today.
    tab(page_a, "Today")
    page_a.get_by_role("button", name="Mark day 1 done").click()
    expect(page_a.get_by_role("main")).to_contain_text(curly("You've done day 1."))
    expect_saved(page_a)

    b.set_offline(False)
    expect(status).not_to_contain_text("Saved on this phone", timeout=15_000)
    expect(page_b.locator(".partner-check")).to_contain_text("Done", timeout=15_000)

    # Both see both check-offs; later days are not open yet.
    for page in (page_a, page_b):
        if page is page_a:
            open_challenge(page_a, "Seven days of appreciation")
        else:
            page_b.get_by_role("link", name="Seven days of appreciation").click()
        expect(progress_row(page, 1).nth(0)).to_have_text(re.compile(r"Done$"))
        expect(progress_row(page, 1).nth(1)).to_have_text(re.compile(r"Done$"), timeout=15_000)
        expect(progress_row(page, 2).nth(0)).to_have_text("Opens tomorrow")
        expect(progress_row(page, 2).nth(1)).to_have_text("Opens tomorrow")
    # Blake's note reached Alex, as text.
    page_a.get_by_role("link", name="Day 1: Notice").click()
    expect(page_a.locator(".partner-note")).to_have_text(NOTE)
    page_a.get_by_role("link", name="Seven days of appreciation").click()

    # Two days on (Alex's clock), day 2 can be caught up and day 3 is today's.
    page_a.clock.set_fixed_time(dt.datetime.now(dt.UTC) + dt.timedelta(days=2))
    page_a.reload()
    expect(progress_row(page_a, 2).nth(0)).to_have_text("Open: catch up any time")
    expect(progress_row(page_a, 3).nth(0)).to_have_text("Open today")
    expect(progress_row(page_a, 4).nth(0)).to_have_text("Opens tomorrow")

    # Blake leaves: it stops for both.
    page_b.get_by_role("button", name="Leave this challenge").click()
    expect(page_b.get_by_role("main")).to_contain_text("It stops for Alex too.")
    page_b.get_by_role("button", name="Yes, leave").click()
    expect(page_b.get_by_role("heading", name="This challenge was stopped")).to_be_visible()
    expect(page_a.get_by_role("heading", name="This challenge was stopped")).to_be_visible(
        timeout=15_000
    )
    assert [run["status"] for run in runs(a, server)] == ["left"]
    checks = runs(b, server)[0]["checks"]
    assert sorted((check["day"], check["mine"], check["note"]) for check in checks) == [
        (1, False, None),
        (1, True, NOTE),
    ]
    assert errors == []


def test_an_individual_challenge_starts_at_once(context: BrowserContext, server: Server) -> None:
    page = start(context, "Sam")
    errors = console_errors(page)

    # A challenge for two needs a partner first.
    open_challenge(page, "Seven days of appreciation")
    expect(page.get_by_role("main")).to_contain_text("This challenge is for two.")
    expect(page.get_by_role("button", name=re.compile("^Propose"))).to_have_count(0)

    open_challenge(page, "Five days of reaching out")
    expect(page.get_by_role("main")).to_contain_text("5 days · 5 minutes a day · Just you")
    page.get_by_role("button", name="Start this challenge").click()
    expect(page.get_by_role("heading", name=curly("You're doing this challenge"))).to_be_visible()
    expect(progress_row(page, 1).nth(0)).to_have_text("Open today")
    expect(progress_row(page, 2).nth(0)).to_have_text("Opens tomorrow")

    tab(page, "Today")
    card = page.locator(".challenge-card")
    expect(card).to_contain_text("Day 1 of 5: Choose someone")
    page.get_by_role("button", name="Mark day 1 done").click()
    expect(card).to_contain_text(curly("You've done day 1."))
    expect_saved(page)
    [run] = runs(context, server)
    assert run["status"] == "active"
    assert not run["shared"]
    assert [(check["day"], check["mine"]) for check in run["checks"]] == [(1, True)]
    assert errors == []
