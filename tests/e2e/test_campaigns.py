"""A practice's programme from the client's side: the join link, day 1 offline, the counts.

A practice and a campaign starting today are made as staff would (the CLI, then the staff API);
one person joins on their own and a linked couple joins together through `/c/<code>` on their
phones; each does day 1 partly offline; the dashboard then shows only hidden small counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import APIRequestContext, Browser, BrowserContext, Page, Playwright, expect

from tests.e2e.test_lesson_loop import (
    console_errors,
    expect_saved,
    go_to_closing_step,
    wait_for_service_worker,
)
from tests.e2e.test_partners import curly, link_through_api, phone, start
from tests.mail import Inbox, start_practice_server
from tests.server import Server

pytestmark = pytest.mark.e2e

OWNER = "owner@harbour.example"
PRACTICE = "Harbour Family Therapy"
CAMPAIGN = "Winter Connection"
WELCOME = "Welcome from everyone at Harbour."
PHONE_NUMBER = "+44 20 7946 0000"
CONTACT = "https://harbour.example/contact"
JOIN_TITLE = "Join a programme from your practice"
STAFF = {"X-Attune-Client": "test"}
DAY1 = re.compile(r"^Day 1 of \d+ · " + PRACTICE + "$")


@pytest.fixture
def practice_server(built_frontend: Path, tmp_path: Path, inbox: Inbox) -> Iterator[Server]:
    server = start_practice_server(tmp_path / "var", built_frontend, inbox, PRACTICE, OWNER)
    yield server
    server.stop()


@pytest.fixture
def staff(
    playwright: Playwright, practice_server: Server, inbox: Inbox
) -> Iterator[APIRequestContext]:
    """The practice owner, signed in through the API."""
    request = playwright.request.new_context(base_url=practice_server.url)
    asked = request.post("/api/staff/code", headers=STAFF, data={"email": OWNER})
    assert asked.status == 202, asked.text()
    signed_in = request.post(
        "/api/staff/session", headers=STAFF, data={"email": OWNER, "code": inbox.code_for(OWNER)}
    )
    assert signed_in.status == 200, signed_in.text()
    branded = request.patch(
        "/api/practice",
        headers=STAFF,
        data={"accent_colour": "#1f5c7a", "support_phone": PHONE_NUMBER, "contact_url": CONTACT},
    )
    assert branded.status == 200, branded.text()
    yield request
    request.dispose()


def create_campaign(staff: APIRequestContext) -> dict[str, Any]:
    today = dt.datetime.now(dt.UTC).date()
    response = staff.post(
        "/api/practice/campaigns",
        headers=STAFF,
        data={
            "name": CAMPAIGN,
            "start_date": today.isoformat(),
            "enrol_opens": (today - dt.timedelta(days=1)).isoformat(),
            "welcome": WELCOME,
        },
    )
    assert response.status == 201, response.text()
    return dict(response.json())


def consent_and_join(page: Page, button: str) -> None:
    expect(page.get_by_role("heading", name=f"What {PRACTICE} will see")).to_be_visible()
    expect(page.get_by_role("heading", name=f"What {PRACTICE} will never see")).to_be_visible()
    expect(page.get_by_text(WELCOME)).to_be_visible()
    join = page.get_by_role("button", name=button)
    expect(join).to_be_disabled()  # consent first
    page.get_by_role("checkbox").check()
    expect(join).to_be_enabled(timeout=15_000)  # once the account exists
    join.click()
    expect(page.get_by_role("heading", name=CAMPAIGN, level=1)).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Day 1 of \d+$"))).to_be_visible()
    expect(page.locator(".campaign-day--today")).to_contain_text("Welcome to Connection Month")


def day_one_offline(context: BrowserContext, page: Page) -> None:
    """Today's card and lesson work offline; the completion syncs once back online."""
    wait_for_service_worker(page)
    context.set_offline(True)
    page.goto("/")
    card = page.locator(".campaign-card")
    expect(card.get_by_role("heading", level=2)).to_have_text(DAY1)
    expect(card).to_contain_text("Welcome to Connection Month")
    card.get_by_role("link", name=re.compile("^Today\u2019s lesson")).click()
    go_to_closing_step(page)
    page.get_by_role("button", name="Finish lesson").click()
    expect(page.get_by_role("heading", name="Lesson complete")).to_be_visible()
    page.goto("/support")
    practice = page.get_by_role("region", name="Your practice")
    expect(practice).to_contain_text(PRACTICE)
    expect(practice.get_by_role("link", name=f"Call {PHONE_NUMBER}")).to_have_attribute(
        "href", "tel:+442079460000"
    )
    context.set_offline(False)
    expect_saved(page)


def test_join_link_day_one_offline_and_hidden_small_counts(
    browser: Browser, practice_server: Server, staff: APIRequestContext
) -> None:
    campaign = create_campaign(staff)
    code = campaign["join_code"]
    sam, alex, blake = (phone(browser, practice_server) for _ in range(3))
    try:
        # On their own, with no account yet: the programme first, onboarding, then back.
        page = sam.new_page()
        errors = console_errors(page)
        page.goto(f"/c/{code}")
        expect(page.get_by_role("heading", name=JOIN_TITLE)).to_be_visible()
        expect(page.get_by_text(PRACTICE, exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name=CAMPAIGN)).to_be_visible()
        page.get_by_role("button", name="Get started").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Attune")
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("What should we call you?").fill("Sam")
        page.get_by_role("button", name="Start").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(JOIN_TITLE)
        expect(page.get_by_role("button", name="Join as a couple")).to_have_count(0)
        consent_and_join(page, "Join on my own")
        day_one_offline(sam, page)
        assert errors == []

        # A linked couple, each on their own phone.
        pages = [start(alex, "Alex"), start(blake, "Blake")]
        link_through_api(alex, blake, practice_server)
        pages[0].goto("/c/unknown-code")
        expect(
            pages[0].get_by_role("heading", name=curly("This programme link doesn't work"))
        ).to_be_visible()
        for context, couple_page in zip((alex, blake), pages, strict=True):
            couple_page.goto(f"/c/{code}")
            consent_and_join(couple_page, "Join as a couple")
            day_one_offline(context, couple_page)

        # Leaving is one tap and a confirmation, from the programme view.
        page = pages[1]
        page.goto("/")
        page.locator(".campaign-card").get_by_role("link", name="See the whole programme").click()
        page.get_by_role("button", name="Leave this programme").click()
        page.get_by_role("button", name="Yes, leave").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Today")
        expect(page.locator(".campaign-card")).to_have_count(0)
        assert blake.request.get(f"{practice_server.url}/api/me/campaigns").json() == []

        joined = sam.request.get(f"{practice_server.url}/api/me/campaigns").json()
        assert [c["day"] for c in joined] == [1]
    finally:
        for context in (sam, alex, blake):
            context.close()

    response = staff.get(f"/api/practice/campaigns/{campaign['id']}/dashboard")
    assert response.status == 200, response.text()
    report = response.json()
    assert report["joined"]["people"] == "fewer than 5"
    assert report["days"][0]["day"] == 1
    assert report["days"][0]["active"] == "fewer than 5"
    text = response.text()
    for private in ("Sam", "Alex", "Blake", "@", "Welcome to Connection Month"):
        assert private not in text
