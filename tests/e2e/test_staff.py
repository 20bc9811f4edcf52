"""The practice staff app at /staff: sign in with an emailed code (a real local SMTP inbox),
brand the practice, build a February 2028 campaign, move its dates, share it, read its
dashboard, delete a throwaway campaign, and be refused both once someone has joined.

A server of its own, because staff sign-in needs `ATTUNE_SMTP_URL` pointing at the inbox.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, ViewportSize, expect

from tests.e2e.conftest import DIST
from tests.e2e.test_build import first_visit_assets
from tests.e2e.test_lesson_loop import console_errors
from tests.mail import Inbox, start_practice_server
from tests.server import Server

pytestmark = pytest.mark.e2e

OWNER = "owner@riverside.example"
PRACTICE = "Riverside Counselling"
LAPTOP: ViewportSize = {"width": 1280, "height": 800}


@pytest.fixture
def staff_server(built_frontend: Path, tmp_path: Path, inbox: Inbox) -> Iterator[Server]:
    if not (built_frontend / "staff.html").is_file():
        pytest.fail("frontend/dist/staff.html is missing: rebuild the frontend (npm run build)")
    server = start_practice_server(tmp_path / "var", built_frontend, inbox, PRACTICE, OWNER)
    yield server
    server.stop()


@pytest.fixture
def laptop(browser: Browser, staff_server: Server) -> Iterator[BrowserContext]:
    context = browser.new_context(
        base_url=staff_server.url,
        viewport=LAPTOP,
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=staff_server.url)
    yield context
    context.close()


def sign_in(page: Page, inbox: Inbox) -> None:
    page.goto("/staff")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    page.get_by_label("Work email").fill(OWNER)
    page.get_by_role("button", name="Email me a code").click()
    expect(page.get_by_text("We\u2019ve emailed you a code")).to_be_visible()
    code = inbox.code_for(OWNER)
    field = page.get_by_label("6-digit code")
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    expect(field).to_be_focused()

    field.fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("wrong or has expired")
    expect(field).to_have_attribute("aria-invalid", "true")

    field.fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Campaigns", level=1)).to_be_focused()
    expect(page.get_by_role("banner")).to_contain_text(PRACTICE)


def brand(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Practice profile").click()
    expect(page.get_by_role("heading", name="Practice profile", level=1)).to_be_focused()
    hex_field = page.get_by_label("Hex code")
    save = page.get_by_role("button", name="Save profile")

    hex_field.fill("#ffd27f")
    expect(page.locator("#accent-contrast")).to_contain_text("too low")  # the live preview
    save.click()
    refusal = page.locator("#practice-accent-error")
    expect(refusal).to_contain_text("too light to read")  # the server's own words
    expect(hex_field).to_have_attribute("aria-invalid", "true")
    expect(hex_field).to_be_focused()
    assert page.request.get("/api/practice").json()["accent_colour"] is None

    hex_field.fill("#1f5c7a")
    expect(page.locator("#accent-contrast")).to_contain_text("readable")
    expect(refusal).to_have_count(0)
    page.get_by_label("Support phone number").fill("0800 123 456")
    page.get_by_label("Crisis lines for").select_option("GB")
    save.click()
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    saved = page.request.get("/api/practice").json()
    assert saved["accent_colour"] == "#1f5c7a"
    assert saved["support_phone"] == "0800 123 456"
    assert saved["crisis_country"] == "GB"

    expect(page.get_by_text("No logo yet")).to_be_visible()
    page.get_by_label("Choose an image").set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": png(640, 320)}
    )
    expect(page.get_by_role("img", name="Preview of the new logo")).to_be_visible()
    page.get_by_role("button", name="Upload logo").click()
    expect(page.get_by_text("Logo uploaded.")).to_be_visible()
    current = page.get_by_role("img", name=f"Current logo of {PRACTICE}")
    expect(current).to_be_visible()
    page.wait_for_function("img => img.naturalWidth === 512", arg=current.element_handle())


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (31, 92, 122)).save(buffer, format="PNG")
    return buffer.getvalue()


def create_campaign(page: Page) -> str:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Campaigns").click()
    expect(page.get_by_text("No campaigns yet")).to_be_visible()
    page.get_by_role("link", name="New campaign").click()
    expect(page.get_by_role("heading", name="New campaign")).to_be_visible()
    # The default start is the next 1 February.
    expect(page.get_by_label("Start date (day 1)")).to_have_value(re.compile(r"^\d{4}-02-01$"))
    page.get_by_label("Campaign name").fill("Connection Month 2028")
    page.get_by_label("Start date (day 1)").fill("2028-02-01")
    expect(page.locator("#new-length")).to_contain_text("29 days")
    page.get_by_label("Welcome message (optional)").fill("Welcome from all of us at Riverside.")
    page.get_by_role("button", name="Create campaign").click()

    expect(page.get_by_role("heading", name="Connection Month 2028", level=1)).to_be_visible()
    expect(page.locator("ol.schedule > li")).to_have_count(29)
    # The template's shared challenge steps say what happens for people taking part alone.
    challenge = page.get_by_label("Day 1 Challenge day", exact=True)
    expect(challenge).to_have_accessible_description(re.compile("^For couples only: people"))
    match = re.search(r"/staff/campaigns/([0-9a-f-]{36})$", page.url)
    assert match, page.url
    return match.group(1)


def swap_days(page: Page, campaign_id: str) -> None:
    before = page.request.get(f"/api/practice/campaigns/{campaign_id}").json()["schedule"]
    first, second = before[0]["title"], before[1]["title"]
    expect(page.get_by_label("Day 1 Title", exact=True)).to_have_value(first)

    move = page.get_by_role("button", name="Move down day 1", exact=True)
    move.focus()
    page.keyboard.press("Enter")  # keyboard, like anyone without a mouse

    expect(page.get_by_label("Day 1 Title", exact=True)).to_have_value(second)
    expect(page.get_by_label("Day 2 Title", exact=True)).to_have_value(first)
    expect(page.get_by_role("button", name="Move down day 2", exact=True)).to_be_focused()
    expect(page.get_by_text("You have unsaved changes.")).to_be_visible()
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("Saved. Clients taking part")).to_be_visible()

    after = page.request.get(f"/api/practice/campaigns/{campaign_id}").json()["schedule"]
    assert [d["day"] for d in after] == list(range(1, 30))
    assert (after[0]["title"], after[1]["title"]) == (second, first)
    assert after[0]["lesson"] == before[1]["lesson"]
    assert after[0]["prompt"] == before[1]["prompt"]
    assert after[1]["lesson"] == before[0]["lesson"]


def move_dates(page: Page, campaign_id: str) -> None:
    """Day 1 moves to 2027 (no 29 February: 28 days) and back (29), before anyone has joined."""
    start = page.get_by_label("Start date (day 1)")
    length = page.locator("#campaign-length")
    rows = page.locator("ol.schedule > li")
    save = page.get_by_role("button", name="Save changes")
    expect(start).to_have_value("2028-02-01")
    expect(length).to_contain_text("29 days")

    # Joining can't close before it opens: caught here, next to the field, nothing sent.
    closes = page.get_by_label("Joining closes")
    saved_closes = closes.input_value()
    closes.fill("2020-01-01")
    save.click()
    expect(closes).to_have_attribute("aria-invalid", "true")
    expect(closes).to_be_focused()
    expect(page.locator("#campaign-closes-error")).to_contain_text("on or after the day it opens")
    closes.fill(saved_closes)
    expect(page.locator("#campaign-closes-error")).to_have_count(0)

    start.fill("2027-02-01")
    expect(length).to_contain_text("28 days")
    expect(length).to_contain_text("Saving removes day 29")
    save.click()
    expect(page.get_by_text("Saved. The campaign now runs 28 days")).to_be_visible()
    expect(rows).to_have_count(28)
    expect(length).to_contain_text("28 days")
    runs = "28 days, 1 February 2027 to 28 February 2027"
    expect(page.locator(".overview")).to_contain_text(runs)
    moved = page.request.get(f"/api/practice/campaigns/{campaign_id}").json()
    assert (moved["start_date"], moved["length_days"], len(moved["schedule"])) == (
        "2027-02-01",
        28,
        28,
    )

    start.fill("2028-02-01")
    expect(length).to_contain_text("29 days")
    save.click()
    expect(page.get_by_text("Saved. The campaign now runs 29 days")).to_be_visible()
    expect(rows).to_have_count(29)
    back = page.request.get(f"/api/practice/campaigns/{campaign_id}").json()
    assert (back["start_date"], back["length_days"]) == ("2028-02-01", 29)
    assert [d["day"] for d in back["schedule"]] == list(range(1, 30))
    assert back["schedule"][:28] == moved["schedule"]  # the edited days kept, day 29 back


def delete_throwaway(page: Page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Campaigns").click()
    page.get_by_role("link", name="New campaign").click()
    page.get_by_label("Campaign name").fill("Throwaway")
    page.get_by_role("button", name="Create campaign").click()
    expect(page.get_by_role("heading", name="Throwaway", level=1)).to_be_visible()

    delete = page.get_by_role("button", name="Delete campaign", exact=True)
    delete.click()
    confirm = page.get_by_role("group", name="Delete \u201cThrowaway\u201d for good?")
    expect(confirm).to_be_visible()
    keep = confirm.get_by_role("button", name="Keep it")
    expect(keep).to_be_focused()
    page.keyboard.press("Escape")  # changed their mind
    expect(confirm).to_have_count(0)
    expect(delete).to_be_focused()

    delete.click()
    confirm.get_by_role("button", name="Yes, delete campaign").click()
    expect(page.get_by_role("heading", name="Campaigns", level=1)).to_be_visible()
    expect(page).to_have_url(re.compile(r"/staff/campaigns$"))
    deleted = page.get_by_role("status").filter(has_text="Deleted \u201cThrowaway\u201d")
    expect(deleted).to_be_visible()
    cards = page.locator(".campaign-card")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("Connection Month 2028")
    names = [c["name"] for c in page.request.get("/api/practice/campaigns").json()]
    assert names == ["Connection Month 2028"]


def someone_joins(playwright: Playwright, server: Server, join_code: str) -> None:
    """A client joins from their phone (through the API: their phone is not the point here)."""
    request = playwright.request.new_context(
        base_url=server.url, extra_http_headers={"X-Attune-Client": "test"}
    )
    try:
        made = request.post(
            "/api/accounts", data={"time_zone": "Europe/London", "display_name": "Sam"}
        )
        assert made.status == 201, made.text()
        joined = request.post(f"/api/campaigns/{join_code}/join", data={"consent": True})
        assert joined.status == 200, joined.text()
    finally:
        request.dispose()


def refused_once_someone_joined(
    page: Page, playwright: Playwright, server: Server, campaign_id: str
) -> None:
    """Day 1 stays put and the campaign stays: the server's words, at the field and the button."""
    campaign = page.request.get(f"/api/practice/campaigns/{campaign_id}").json()
    someone_joins(playwright, server, campaign["join_code"])
    page.get_by_role("link", name="Connection Month 2028", exact=True).click()
    expect(page.get_by_role("heading", name="Connection Month 2028", level=1)).to_be_visible()

    start = page.get_by_label("Start date (day 1)")
    start.fill("2028-02-02")
    page.get_by_role("button", name="Save changes").click()
    refusal = page.locator("#campaign-start-error")
    expect(refusal).to_contain_text("People have joined already, so day 1 can no longer move.")
    expect(start).to_have_attribute("aria-invalid", "true")
    expect(start).to_be_focused()
    expect(page.get_by_text("Nothing was saved: see the marked field.")).to_be_visible()
    assert page.request.get(f"/api/practice/campaigns/{campaign_id}").json()["start_date"] == (
        "2028-02-01"
    )
    start.fill("2028-02-01")
    expect(refusal).to_have_count(0)

    delete = page.get_by_role("button", name="Delete campaign", exact=True)
    delete.click()
    page.get_by_role("button", name="Yes, delete campaign").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "People have joined this campaign, so it can't be deleted."
    )
    expect(delete).to_be_focused()
    assert page.request.get(f"/api/practice/campaigns/{campaign_id}").status == 200


def share(page: Page, staff_server: Server) -> None:
    link = page.get_by_label("Join link")
    expect(link).to_have_value(re.compile(rf"^{re.escape(staff_server.url)}/c/[A-Z0-9]{{8}}$"))
    join_link = link.input_value()
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_text("Copied the join link.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == join_link

    page.get_by_role("link", name="Printable QR code").click()
    poster = page.locator("article.poster")
    expect(poster).to_contain_text(PRACTICE)
    expect(poster.locator("img.poster__logo")).to_be_visible()
    expect(poster).to_contain_text(join_link)
    qr = poster.get_by_role("img", name=re.compile("^QR code that opens"))
    expect(qr).to_be_visible()
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=qr.element_handle(), timeout=5000
    )
    page.emulate_media(media="print")
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_role("button", name="Print this page")).to_be_hidden()
    expect(qr).to_be_visible()
    page.emulate_media(media="screen")
    page.go_back()
    expect(page.get_by_role("heading", name="Connection Month 2028", level=1)).to_be_visible()


def dashboard(page: Page, campaign_id: str) -> None:
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="Dashboard: Connection Month 2028")).to_be_visible()
    joined = page.get_by_role("table", name="Who joined")
    expect(joined.get_by_role("row", name=re.compile("^People"))).to_contain_text("fewer than 5")
    expect(joined.get_by_role("row", name=re.compile("^Couples"))).to_contain_text("fewer than 5")
    expect(joined).not_to_contain_text(re.compile(r"\b0\b"))
    # Drawn as hatched bars with the words, never as an empty zero. The days of February 2028
    # have not begun: they are left empty, and their figures read "not yet".
    expect(page.locator("svg.chart .chart__bar--hidden")).to_have_count(4)
    expect(page.locator("svg.chart").first).to_contain_text("fewer than 5")
    expect(page.get_by_text("No day of the campaign has begun yet.")).to_be_visible()
    expect(page.get_by_text("Staff never see anyone\u2019s answers")).to_be_visible()
    page.get_by_text("Show the figures as a table").first.click()
    by_day = page.get_by_role("table", name="Active and completed, by day")
    expect(by_day.get_by_role("row")).to_have_count(30)
    expect(by_day.get_by_role("row").nth(1)).to_contain_text("not yet")
    csv = page.get_by_role("link", name="Download CSV")
    expect(csv).to_have_attribute("href", f"/api/practice/campaigns/{campaign_id}/dashboard.csv")
    response = page.request.get(csv.get_attribute("href") or "")
    assert response.headers["content-type"].startswith("text/csv")
    assert "fewer than 5" in response.text()


def test_staff_sign_in_brand_build_share_and_watch(
    laptop: BrowserContext, staff_server: Server, inbox: Inbox, playwright: Playwright
) -> None:
    page = laptop.new_page()
    errors = console_errors(page)
    # This browser has the client app too: its service worker must not answer /staff.
    page.goto("/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)

    sign_in(page, inbox)
    brand(page)
    campaign_id = create_campaign(page)
    swap_days(page, campaign_id)
    move_dates(page, campaign_id)
    share(page, staff_server)
    dashboard(page, campaign_id)

    page.reload()  # a deep link opens the staff app, still signed in
    expect(page.get_by_role("heading", name="Dashboard: Connection Month 2028")).to_be_visible()
    delete_throwaway(page)
    refused_once_someone_joined(page, playwright, staff_server, campaign_id)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert page.request.get("/api/practice").status == 401

    # The only console errors are the expected refusals: 401 before signing in, the wrong code,
    # the too-light colour, the missing logo, and moving or deleting a joined campaign.
    unexpected = [e for e in errors if "Failed to load resource" not in e]
    assert unexpected == []


def test_the_client_app_never_loads_or_precaches_the_staff_app(built_frontend: Path) -> None:
    client_assets = [path.name for path in first_visit_assets("js") + first_visit_assets("css")]
    assert client_assets
    assert not [name for name in client_assets if name.startswith("staff")]
    worker = (DIST / "sw.js").read_text()
    precached = re.findall(r'url:\s*"([^"]+)"|"url":\s*"([^"]+)"', worker)
    urls = [a or b for a, b in precached]
    assert "index.html" in urls
    assert not [url for url in urls if "staff" in url], urls
    staff_html = (DIST / "staff.html").read_text()
    assert re.search(r'<script[^>]+src="/assets/staff-[^"]+\.js"', staff_html)
    inline_script = re.search(r"<script(?![^>]*\bsrc=)[^>]*>", staff_html)
    assert not inline_script, "inline script breaks the CSP"
    assert "manifest" not in staff_html
