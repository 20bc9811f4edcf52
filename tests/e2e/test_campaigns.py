"""Connection Month from start to finish, as the people involved live it.

Staff sign in with an emailed code and build a programme starting today in the staff app;
three people join through its link on their phones: Sam on their own, then Alex as a couple,
which invites Blake in the app; each does day 1 partly offline. The staff dashboard says
"fewer than 5" until two more people take part, then shows the number.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    APIRequestContext,
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    expect,
)

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
PHONE_NUMBER = "0800 123 456"
JOIN_TITLE = "Join a programme from your practice"
CLIENT = {"X-Attune-Client": "test"}
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
FEWER = "fewer than 5"
DAY1 = re.compile(r"^Day 1 of \d+ · " + PRACTICE + "$")


@pytest.fixture
def practice_server(built_frontend: Path, tmp_path: Path, inbox: Inbox) -> Iterator[Server]:
    server = start_practice_server(tmp_path / "var", built_frontend, inbox, PRACTICE, OWNER)
    yield server
    server.stop()


@pytest.fixture
def laptop(browser: Browser, practice_server: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=practice_server.url, viewport=LAPTOP, locale="en-GB", timezone_id="Europe/London"
    )
    yield context
    context.close()


# -- staff -------------------------------------------------------------------------------------


def staff_signs_in_and_builds(page: Page, inbox: Inbox) -> tuple[str, str]:
    """Sign in, set the practice's contact and crisis country, build a programme: (id, link)."""
    page.goto("/staff")
    page.get_by_label("Work email").fill(OWNER)
    page.get_by_role("button", name="Email me a code").click()
    page.get_by_label("6-digit code").fill(inbox.code_for(OWNER))
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Campaigns", level=1)).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practice profile").click()
    page.get_by_label("Hex code").fill("#1f5c7a")
    page.get_by_label("Support phone number").fill(PHONE_NUMBER)
    page.get_by_label("Crisis lines for").select_option("IE")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Campaigns").click()
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Campaign name").fill(CAMPAIGN)
    today = page.evaluate("() => new Date().toLocaleDateString('en-CA')")
    page.get_by_label("Start date (day 1)").fill(today)
    page.get_by_label("Welcome message (optional)").fill(WELCOME)
    page.get_by_role("button", name="Create campaign").click()
    expect(page.get_by_role("heading", name=CAMPAIGN, level=1)).to_be_visible()
    match = re.search(r"/staff/campaigns/([0-9a-f-]{36})$", page.url)
    assert match, page.url
    link = page.get_by_label("Join link")
    expect(link).to_have_value(re.compile(r"/c/[A-Z0-9]{8}$"))
    return match.group(1), link.input_value()


def dashboard_says(page: Page, campaign_id: str, people: str, day_one_active: str) -> None:
    page.goto(f"/staff/campaigns/{campaign_id}")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name=f"Dashboard: {CAMPAIGN}")).to_be_visible()
    joined = page.get_by_role("table", name="Who joined")
    expect(joined.get_by_role("row", name=re.compile("^People"))).to_have_text(
        re.compile(rf"^People\s*{people}$")
    )
    expect(joined.get_by_role("row", name=re.compile("^Couples"))).to_contain_text(FEWER)
    page.get_by_text("Show the figures as a table").first.click()
    by_day = page.get_by_role("table", name="Active and completed, by day")
    day_one = by_day.get_by_role("row").nth(1)
    expect(day_one.get_by_role("rowheader")).to_contain_text("Day 1")
    expect(day_one.get_by_role("cell").first).to_have_text(day_one_active)
    # The campaign started today: its last day has not begun anywhere, and says so.
    expect(by_day.get_by_role("row").last.get_by_role("cell").first).to_have_text("not yet")
    for private in ("Sam", "Alex", "Blake", "Robin", "Kit"):
        expect(page.locator("main")).not_to_contain_text(private)


# -- participants ------------------------------------------------------------------------------


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
    """Today's card, its lesson and Get support work offline; it all syncs once back online."""
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
    page.goto("/")
    lesson_item = card.get_by_role("listitem").filter(has_text="Today\u2019s lesson")
    expect(lesson_item).to_contain_text("Done")
    page.goto("/support")
    practice = page.get_by_role("region", name="Your practice")
    expect(practice).to_contain_text(PRACTICE)
    expect(practice.get_by_role("link", name=f"Call {PHONE_NUMBER}")).to_have_attribute(
        "href", "tel:0800123456"
    )
    # The practice asked for Irish crisis lines first (this phone alone would pick the UK's).
    expect(page.get_by_role("heading", name="Support in Ireland")).to_be_visible()
    expect(page.get_by_label("Country")).to_have_value("IE")
    context.set_offline(False)
    expect_saved(page)


def sam_joins_alone(sam: BrowserContext, join_link: str) -> None:
    """No account yet: the programme first, onboarding, then back to join."""
    page = sam.new_page()
    errors = console_errors(page)
    page.goto(join_link)
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

    # On their own, Sam is not asked for the couples' challenge step: the lesson was day 1.
    page.goto("/")
    card = page.locator(".campaign-card")
    expect(card.get_by_role("link", name=re.compile("challenge"))).to_have_count(0)
    card.get_by_role("link", name="See the whole programme").click()
    expect(page.get_by_text("You\u2019ve done 1 day so far.")).to_be_visible()
    expect(page.locator(".campaign-day").first).to_contain_text("Done")
    expect(page.locator(".campaign-day").nth(1)).not_to_contain_text("Done")
    assert errors == []


def couple_joins(alex: BrowserContext, blake: BrowserContext, server: Server, link: str) -> Page:
    """Alex joins as a couple; Blake is invited in the app, and consents for themselves."""
    alex_page, blake_page = start(alex, "Alex"), start(blake, "Blake")
    link_through_api(alex, blake, server)
    blake_page.goto("/")
    expect(blake_page.locator(".campaign-invitation")).to_have_count(0)

    alex_page.goto(link)
    consent_and_join(alex_page, "Join as a couple")

    # Blake's open app hears of it (live, no reload) and invites them.
    invitation = blake_page.get_by_role("region", name="An invitation from Alex")
    expect(invitation).to_be_visible(timeout=15_000)
    expect(invitation).to_contain_text(f"Alex joined {CAMPAIGN} from {PRACTICE} as a couple")
    invitation.get_by_role("link", name="See the programme").click()
    expect(blake_page.get_by_role("heading", level=1)).to_have_text(JOIN_TITLE)
    expect(blake_page.get_by_text("Alex has joined as a couple.")).to_be_visible()
    consent_and_join(blake_page, "Join as a couple")
    blake_page.goto("/")
    expect(blake_page.locator(".campaign-invitation")).to_have_count(0)

    for context, page in ((alex, alex_page), (blake, blake_page)):
        day_one_offline(context, page)
        # A couple's day 1 also has the shared challenge step, not done yet.
        page.goto("/")
        step = page.locator(".campaign-card").get_by_role("listitem").filter(has_text="challenge")
        expect(step).to_be_visible()
        expect(step).not_to_contain_text("Done")
    return blake_page


def leave_in_one_tap_and_undo(page: Page, server: Server) -> None:
    page.goto("/")
    page.locator(".campaign-card").get_by_role("link", name="See the whole programme").click()
    page.get_by_role("button", name="Leave this programme").click()
    expect(page.get_by_role("heading", name=f"You\u2019ve left {CAMPAIGN}")).to_be_focused()
    assert page.request.get(f"{server.url}/api/me/campaigns").json() == []
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("button", name="Leave this programme")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^Day 1 of \d+$"))).to_be_visible()
    joined = page.request.get(f"{server.url}/api/me/campaigns").json()
    assert [c["day"] for c in joined] == [1]


def takes_part_from_another_phone(
    playwright: Playwright, server: Server, code: str, lesson_id: str, name: str
) -> None:
    """Someone else joining and doing day 1's lesson (their phone is not the point here)."""
    request: APIRequestContext = playwright.request.new_context(
        base_url=server.url, extra_http_headers=CLIENT
    )
    try:
        made = request.post(
            "/api/accounts", data={"time_zone": "Europe/London", "display_name": name}
        )
        assert made.status == 201, made.text()
        joined = request.post(f"/api/campaigns/{code}/join", data={"consent": True})
        assert joined.status == 200, joined.text()
        today = dt.datetime.now(dt.UTC).date().isoformat()
        mutation: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "kind": "lesson_completed",
            "args": {"lesson_id": lesson_id},
            "local_date": today,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "schema_version": 1,
        }
        synced = request.post(
            "/api/sync",
            data={"client_id": f"phone-{name}", "cursor": None, "mutations": [mutation]},
        )
        assert synced.status == 200, synced.text()
        assert [m["id"] for m in synced.json()["rejected"]] == []
    finally:
        request.dispose()


def test_connection_month_from_sign_in_to_the_dashboard(
    browser: Browser,
    playwright: Playwright,
    practice_server: Server,
    laptop: BrowserContext,
    inbox: Inbox,
) -> None:
    staff = laptop.new_page()
    campaign_id, join_link = staff_signs_in_and_builds(staff, inbox)
    code = join_link.rsplit("/", 1)[1]

    sam, alex, blake = (phone(browser, practice_server) for _ in range(3))
    try:
        sam_joins_alone(sam, join_link)
        alex.new_page().goto("/c/unknown-code")
        expect(
            alex.pages[0].get_by_role("heading", name=curly("This programme link doesn't work"))
        ).to_be_visible()
        alex.pages[0].close()
        blake_page = couple_joins(alex, blake, practice_server, join_link)
        leave_in_one_tap_and_undo(blake_page, practice_server)
    finally:
        for context in (sam, alex, blake):
            context.close()

    # Three people took part on day 1: too few to show.
    dashboard_says(staff, campaign_id, people=FEWER, day_one_active=FEWER)

    # Two more join and do day 1: now there are enough people to count.
    campaign = staff.request.get(f"/api/practice/campaigns/{campaign_id}").json()
    lesson_id = campaign["schedule"][0]["lesson"]
    assert lesson_id
    for name in ("Robin", "Kit"):
        takes_part_from_another_phone(playwright, practice_server, code, lesson_id, name)
    dashboard_says(staff, campaign_id, people="5", day_one_active="5")
    csv = staff.request.get(f"/api/practice/campaigns/{campaign_id}/dashboard.csv").text()
    assert csv.splitlines()[1].startswith("1,5,")
    for private in ("Sam", "Alex", "Blake", "Robin", "Kit", "@"):
        assert private not in csv
