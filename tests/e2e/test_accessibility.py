"""Accessibility (the design's bar: WCAG 2.2 AA): axe-core's WCAG A and AA rules on every screen
a user meets, in the phone app (light and dark) and the staff app; the main screens at 200% text
size and 320 px wide with no sideways scrolling and nothing cut off; keyboard focus never hidden
behind the sticky bars.

Each test walks through its screens and collects what axe reports on each, then fails once with
the whole list (screen, rule, impact, help, the first few elements), so one run shows all of it.
axe-core comes from the frontend's devDependencies (`npm install` in frontend/).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, expect

from backend.settings import ROOT
from tests.e2e.conftest import phone_context
from tests.e2e.test_lesson_loop import (
    FIRST,
    console_errors,
    expect_saved,
    go_to_closing_step,
    onboard,
    wait_for_service_worker,
)
from tests.e2e.test_partners import curly, phone, start, tab
from tests.mail import Inbox, start_practice_server
from tests.server import Server

pytestmark = pytest.mark.e2e

AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
OWNER = "owner@meadow.example"
PRACTICE = "Meadow Counselling"
CAMPAIGN = "Spring Connection"
IOS_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(' ')),
  }));
}"""


# -- helpers ----------------------------------------------------------------------------------


class Audit:
    """What axe found, screen by screen, in one test."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def check(self, page: Page, screen: str) -> None:
        """Runs axe on the page as it is now (after animations have settled)."""
        page.wait_for_timeout(350)  # transitions (fades, the reader's slide) are over
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # The app's CSP allows only its own scripts, and add_script_tag(path=...) inlines the
            # file, which CSP refuses; evaluating it through the DevTools protocol is allowed.
            page.evaluate(AXE.read_text(encoding="utf-8"))
        for violation in page.evaluate(RUN_AXE, TAGS):
            targets = ", ".join(violation["targets"][:4])
            more = len(violation["targets"]) - 4
            self.found.append(
                f"{screen}: {violation['id']} ({violation['impact']}): {violation['help']}"
                f" [{targets}{f' and {more} more' if more > 0 else ''}]"
            )

    def assert_clean(self) -> None:
        assert not self.found, "axe-core found violations:\n" + "\n".join(self.found)


@pytest.fixture(scope="module", autouse=True)
def axe_installed() -> None:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm install` in frontend/")


def heading(page: Page, text: str | re.Pattern[str]) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def next_card(page: Page) -> None:
    page.get_by_role("button", name="Next").click()


# -- the phone app ----------------------------------------------------------------------------


def test_every_screen_of_the_phone_app(browser: Browser, server: Server) -> None:
    audit = Audit()
    a, b = phone(browser, server), phone(browser, server)
    try:
        page = a.new_page()
        errors = console_errors(page)
        page.goto("/")
        heading(page, "Welcome to Attune")
        audit.check(page, "Onboarding, step 1")
        page.get_by_role("button", name="Continue").click()
        heading(page, "Make it yours")
        audit.check(page, "Onboarding, step 2")
        page.get_by_label("What should we call you?").fill("Alex")
        page.get_by_role("button", name="Start").click()
        heading(page, "Today")
        expect_saved(page)
        audit.check(page, "Today, alone")

        tab(page, "Library")
        heading(page, "Library")
        audit.check(page, "Library")
        page.locator("a[href^='/tracks/']").first.click()
        expect(page.locator("a[href^='/lessons/']").first).to_be_visible()
        audit.check(page, "Track")

        page.goto(f"/lessons/{FIRST}")
        next_card(page)
        next_card(page)
        expect(page.locator(".dots[role=img]")).to_have_attribute(
            "aria-label", re.compile(r"^Card 3 of")
        )
        audit.check(page, "Lesson, a middle card")
        go_to_closing_step(page)
        audit.check(page, "Lesson, the closing step")
        page.get_by_role("textbox").fill("Listening without fixing.")
        page.get_by_role("button", name="Finish lesson").click()
        expect(page.get_by_role("heading", name="Lesson complete")).to_be_visible()
        audit.check(page, "Lesson complete")

        page.goto("/challenges")
        heading(page, "Challenges")
        audit.check(page, "Challenges")
        page.get_by_role("link", name=re.compile("^Seven days of appreciation")).first.click()
        heading(page, "Seven days of appreciation")
        audit.check(page, "A challenge for two, without a partner")
        tab(page, "Challenges")
        page.get_by_role("link", name=re.compile("^Five days of reaching out")).first.click()
        page.get_by_role("button", name="Start this challenge").click()
        expect(
            page.get_by_role("heading", name=curly("You're doing this challenge"))
        ).to_be_visible()
        audit.check(page, "A challenge under way")
        page.goto(page.url + "/day/2")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Day 2")
        audit.check(page, "A challenge's day")

        tab(page, "Partner")
        heading(page, "Partner")
        audit.check(page, "Partner, not linked")
        page.get_by_role("button", name="Create an invitation").click()
        expect(page.locator("p.invite-code")).to_have_text(re.compile(r"^[0-9A-Z]{5}-"))
        expect(page.get_by_role("img", name="QR code of the invitation link")).to_be_visible()
        audit.check(page, "Partner, an invitation shown")
        code = page.locator("p.invite-code").inner_text()

        # Blake opens the invitation link on a phone with no account.
        page_b = b.new_page()
        page_b.goto(f"/join/{code}")
        heading(page_b, curly("You've been invited to link with a partner"))
        audit.check(page_b, "Join a partner, before onboarding")
        page_b.get_by_role("button", name="Get started").click()
        heading(page_b, "Welcome to Attune")
        page_b.get_by_role("button", name="Continue").click()
        page_b.get_by_label("What should we call you?").fill("Blake")
        page_b.get_by_role("button", name="Start").click()
        expect(page_b.get_by_role("heading", name=curly("You're linked with Alex"))).to_be_visible(
            timeout=15_000
        )
        audit.check(page_b, "Join a partner, linked")

        expect(page.get_by_role("main")).to_contain_text(curly("You've been linked with Blake"))
        audit.check(page, "Partner, just linked")
        tab(page, "Today")
        expect(page.locator(".prompt-card")).to_contain_text("With Blake")
        audit.check(page, "Today, with a partner and a question")
        page.get_by_role("textbox", name="Your answer").fill("Our walk by the river.")
        page.get_by_role("button", name="Save answer").click()
        expect(page.locator(".prompt-card")).to_contain_text("Waiting for Blake.")
        audit.check(page, "Today, answered, waiting")
        page.get_by_role("button", name="Send a gentle nudge").click()
        expect(page.locator(".prompt-card")).to_contain_text("Nudge sent.")
        audit.check(page, "Today, a nudge sent")
        expect(page_b.get_by_text("Alex sent you a gentle nudge")).to_be_visible(timeout=15_000)
        audit.check(page_b, "The nudge banner")

        page_b.get_by_role("link", name=curly("Go to today's question")).click()
        page_b.get_by_role("textbox", name="Your answer").fill("Cooking on Sunday.")
        page_b.get_by_role("button", name="Save answer").click()
        expect(page_b.locator(".reveal")).to_contain_text("Our walk by the river.")
        audit.check(page_b, "Today, both answers revealed")

        page.reload()
        expect(page.locator(".reveal")).to_contain_text("Cooking on Sunday.", timeout=15_000)
        page.get_by_role("link", name="Past questions and answers").click()
        heading(page, "Past questions")
        audit.check(page, "Past questions")
        tab(page, "Partner")
        heading(page, "Partner")
        audit.check(page, "Partner, linked")

        page.get_by_role("link", name="Settings").click()
        heading(page, "Settings")
        audit.check(page, "Settings")
        page.goto("/support")
        heading(page, "Get support now")
        audit.check(page, "Get support now")
        page.goto("/nowhere")
        audit.check(page, "Not found")

        page.goto("/")
        heading(page, "Today")
        assert errors == []
        wait_for_service_worker(page)
        a.set_offline(True)
        page.reload()
        heading(page, "Today")
        expect(
            page.get_by_text("Offline — everything you see is saved on this phone.")
        ).to_be_visible()
        audit.check(page, "Today, offline")
        a.set_offline(False)
        expect_saved(page)
    finally:
        a.close()
        b.close()
    audit.assert_clean()


def test_the_install_hint(browser: Browser, server: Server) -> None:
    audit = Audit()
    context = phone_context(browser, server.url, user_agent=IOS_SAFARI)
    try:
        page = start(context, "Sam")
        expect(page.get_by_role("region", name="Install Attune")).to_be_visible()
        audit.check(page, "Today, with the install hint (iOS Safari)")
    finally:
        context.close()
    audit.assert_clean()


def test_the_update_banner(browser: Browser, own_server: tuple[Server, Path]) -> None:
    server, dist = own_server
    audit = Audit()
    context = phone_context(browser, server.url)
    try:
        page = context.new_page()
        onboard(page)
        wait_for_service_worker(page)
        with (dist / "sw.js").open("a") as worker:
            worker.write("\n// a new release\n")
        page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        expect(page.get_by_text("A new version of Attune is ready.")).to_be_visible(timeout=15_000)
        audit.check(page, "Today, with the update banner")
    finally:
        context.close()
    audit.assert_clean()


def test_dark_mode(browser: Browser, server: Server) -> None:
    """The colour tokens change with the system's dark mode: the contrast is checked again."""
    audit = Audit()
    context = phone_context(browser, server.url, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto("/")
        heading(page, "Welcome to Attune")
        audit.check(page, "Dark: onboarding")
        page.get_by_role("button", name="Continue").click()
        page.get_by_role("button", name="Start").click()
        heading(page, "Today")
        expect_saved(page)
        audit.check(page, "Dark: Today")
        page.goto(f"/lessons/{FIRST}")
        next_card(page)
        audit.check(page, "Dark: lesson")
        go_to_closing_step(page)
        audit.check(page, "Dark: closing step")
        for path, title in (
            ("/library", "Library"),
            ("/challenges", "Challenges"),
            ("/partner", "Partner"),
            ("/settings", "Settings"),
            ("/support", "Get support now"),
        ):
            page.goto(path)
            heading(page, title)
            audit.check(page, f"Dark: {title}")
    finally:
        context.close()
    audit.assert_clean()


# -- at 200% text size ------------------------------------------------------------------------


FITS = """(size) => {
  const root = document.documentElement;
  const problems = [];
  if (getComputedStyle(root).fontSize !== size) {
    problems.push(`the root font size is ${getComputedStyle(root).fontSize}, not ${size}`);
  }
  if (root.scrollWidth > window.innerWidth) {
    problems.push(`it scrolls sideways: ${root.scrollWidth}px wide in ${window.innerWidth}px`);
  }
  const wanted = [
    ...document.querySelectorAll('h1, h2, button, .button, input, select, textarea, nav a'),
  ];
  for (const element of wanted) {
    const box = element.getBoundingClientRect();
    const label = element.textContent || element.getAttribute('aria-label') || '';
    const name = label.trim().slice(0, 40) || element.tagName;
    if (box.width <= 1 || box.height <= 1) continue;  // not shown, or only to screen readers
    if (box.left < -1 || box.right > window.innerWidth + 1) {
      problems.push(`"${name}" is cut off at the side (${box.left}..${box.right})`);
    }
    if (element.matches('input, select, textarea')) continue;  // fields scroll their text
    const style = getComputedStyle(element);
    if (element.scrollWidth > element.clientWidth + 1 && style.overflowX !== 'visible') {
      problems.push(`"${name}" clips its text sideways`);
    }
    if (element.scrollHeight > element.clientHeight + 1 && style.overflowY !== 'visible') {
      problems.push(`"${name}" clips its text at the bottom`);
    }
  }
  return problems;
}"""


def big_text_problems(page: Page, screen: str, root_size: str = "32px") -> list[str]:
    """What does not fit: sideways scrolling, controls cut off at the side or clipping text."""
    page.wait_for_timeout(200)
    return [f"{screen}: {problem}" for problem in page.evaluate(FITS, root_size)]


def test_main_screens_at_200_percent_text(browser: Browser, server: Server) -> None:
    """The browser's text size at 200%: its default font size doubled, as a phone's or a
    browser's text size setting does (so `em` in media queries follows too, unlike a style on
    the root element)."""
    context = phone_context(browser, server.url)
    problems: list[str] = []
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
        page.goto("/")
        heading(page, "Welcome to Attune")
        problems += big_text_problems(page, "Onboarding")
        page.get_by_role("button", name="Continue").click()
        heading(page, "Make it yours")
        problems += big_text_problems(page, "Onboarding, step 2")
        page.get_by_role("button", name="Start").click()
        heading(page, "Today")
        expect_saved(page)
        for path, title in (
            ("/", "Today"),
            ("/library", "Library"),
            ("/challenges", "Challenges"),
            ("/partner", "Partner"),
            ("/prompts", "Past questions"),
            ("/settings", "Settings"),
            ("/support", "Get support now"),
        ):
            page.goto(path)
            heading(page, title)
            expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
            problems += big_text_problems(page, title)
        page.goto(f"/lessons/{FIRST}")
        next_button = page.get_by_role("button", name="Next")
        next_button.scroll_into_view_if_needed()
        expect(next_button).to_be_in_viewport()
        problems += big_text_problems(page, "Lesson")
        go_to_closing_step(page)
        finish = page.get_by_role("button", name="Finish lesson")
        finish.scroll_into_view_if_needed()
        expect(finish).to_be_in_viewport()
        problems += big_text_problems(page, "Lesson, closing step")

        # Reflow (WCAG 1.4.10): at normal text size on a 320 px wide screen, nothing scrolls
        # sideways either.
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
        page.set_viewport_size({"width": 320, "height": 640})
        for path, title in (
            ("/", "Today"),
            ("/library", "Library"),
            ("/support", "Get support now"),
        ):
            page.goto(path)
            heading(page, title)
            problems += big_text_problems(page, f"320 px: {title}", "16px")
        page.goto(f"/lessons/{FIRST}")
        go_to_closing_step(page)
        problems += big_text_problems(page, "320 px: lesson, closing step", "16px")
    finally:
        context.close()
    assert not problems, "Text that does not fit:\n" + "\n".join(problems)


# -- focus is never hidden behind the sticky bars (WCAG 2.2, 2.4.11) --------------------------

FOCUS_HIDDEN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  const name = (element.textContent || element.getAttribute('aria-label') || element.tagName)
    .trim().slice(0, 40);
  const points = [[0.5, 0.5], [0.1, 0.1], [0.9, 0.1], [0.1, 0.9], [0.9, 0.9]];
  for (const [fx, fy] of points) {
    const x = box.left + box.width * fx;
    const y = box.top + box.height * fy;
    if (x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) continue;
    const top = document.elementFromPoint(x, y);
    if (top && (top === element || element.contains(top) || top.contains(element))) return null;
  }
  return name;
}"""


def hidden_focus(page: Page, screen: str, presses: int = 40) -> list[str]:
    """Tabs through the screen and back; names each control that gets focus out of sight."""
    page.locator("body").click(position={"x": 1, "y": 1})
    hidden: list[str] = []
    for key in ("Tab", "Shift+Tab"):  # down the page under the sticky header, then back up
        for _ in range(presses):
            page.keyboard.press(key)
            name = page.evaluate(FOCUS_HIDDEN)
            if name is not None:
                hidden.append(f"{screen}: focus on {name!r} is hidden ({key})")
    return hidden


def test_keyboard_focus_is_never_hidden(browser: Browser, server: Server) -> None:
    context = phone_context(browser, server.url, user_agent=IOS_SAFARI)  # with the install hint
    hidden: list[str] = []
    try:
        page = start(context, "Sam")
        expect(page.get_by_role("region", name="Install Attune")).to_be_visible()
        for path, title in (
            ("/", "Today"),
            ("/library", "Library"),
            ("/challenges", "Challenges"),
            ("/settings", "Settings"),
            ("/support", "Get support now"),
        ):
            page.goto(path)
            heading(page, title)
            hidden += hidden_focus(page, title)
    finally:
        context.close()
    assert not hidden, "Keyboard focus out of sight:\n" + "\n".join(hidden)


# -- a practice: the staff app, the join page and the campaign on Today ------------------------


@pytest.fixture
def practice_server(built_frontend: Path, tmp_path: Path, inbox: Inbox) -> Iterator[Server]:
    server = start_practice_server(tmp_path / "var", built_frontend, inbox, PRACTICE, OWNER)
    yield server
    server.stop()


def test_the_staff_app_and_a_programme(
    browser: Browser, playwright: Playwright, practice_server: Server, inbox: Inbox
) -> None:
    audit = Audit()
    big_text: list[str] = []
    laptop = browser.new_context(
        base_url=practice_server.url, viewport=LAPTOP, locale="en-GB", timezone_id="Europe/London"
    )
    sam = phone(browser, practice_server)
    try:
        page = laptop.new_page()
        page.goto("/staff")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        audit.check(page, "Staff: sign in")
        page.get_by_label("Work email").fill(OWNER)
        page.get_by_role("button", name="Email me a code").click()
        expect(page.get_by_label("6-digit code")).to_be_focused()
        audit.check(page, "Staff: sign in, the code")
        page.get_by_label("6-digit code").fill(
            "000000" if inbox.code_for(OWNER) != "000000" else "1"
        )
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("wrong or has expired")
        audit.check(page, "Staff: sign in, a wrong code")
        page.get_by_label("6-digit code").fill(inbox.code_for(OWNER))
        page.get_by_role("button", name="Sign in", exact=True).click()
        expect(page.get_by_role("heading", name="Campaigns", level=1)).to_be_visible()
        audit.check(page, "Staff: campaigns, none yet")

        nav = page.get_by_role("navigation", name="Main")
        nav.get_by_role("link", name="Practice profile").click()
        expect(page.get_by_role("heading", name="Practice profile", level=1)).to_be_visible()
        audit.check(page, "Staff: practice profile")
        page.get_by_label("Hex code").fill("#ffd27f")
        page.get_by_role("button", name="Save profile").click()
        expect(page.locator("#practice-accent-error")).to_contain_text("too light to read")
        audit.check(page, "Staff: practice profile, refused")
        page.get_by_label("Hex code").fill("#1f5c7a")
        page.get_by_label("Support phone number").fill("0800 123 456")
        page.get_by_role("button", name="Save profile").click()
        expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
        audit.check(page, "Staff: practice profile, saved")

        nav.get_by_role("link", name="Campaigns").click()
        page.get_by_role("link", name="New campaign").click()
        expect(page.get_by_label("Campaign name")).to_be_visible()
        audit.check(page, "Staff: new campaign")
        page.get_by_label("Campaign name").fill(CAMPAIGN)
        today = page.evaluate("() => new Date().toLocaleDateString('en-CA')")
        page.get_by_label("Start date (day 1)").fill(today)
        page.get_by_label("Welcome message (optional)").fill("Welcome from Meadow.")
        page.get_by_role("button", name="Create campaign").click()
        expect(page.get_by_role("heading", name=CAMPAIGN, level=1)).to_be_visible()
        audit.check(page, "Staff: a campaign")
        campaign_url = page.url
        link = page.get_by_label("Join link").input_value()
        page.get_by_role("link", name="Printable QR code").click()
        expect(page.locator("article.poster")).to_contain_text(PRACTICE)
        audit.check(page, "Staff: the QR poster")
        page.go_back()
        page.get_by_role("link", name="Dashboard").click()
        expect(page.get_by_role("heading", name=f"Dashboard: {CAMPAIGN}")).to_be_visible()
        audit.check(page, "Staff: dashboard")
        page.get_by_text("Show the figures as a table").first.click()
        audit.check(page, "Staff: dashboard, the figures as tables")
        nav.get_by_role("link", name="Campaigns").click()
        expect(page.get_by_role("link", name=CAMPAIGN, exact=True)).to_be_visible()
        audit.check(page, "Staff: campaigns")

        page.emulate_media(color_scheme="dark")
        audit.check(page, "Staff, dark: campaigns")
        page.goto(campaign_url)
        expect(page.get_by_role("heading", name=CAMPAIGN, level=1)).to_be_visible()
        audit.check(page, "Staff, dark: a campaign")
        page.get_by_role("link", name="Dashboard").click()
        expect(page.get_by_role("heading", name=f"Dashboard: {CAMPAIGN}")).to_be_visible()
        audit.check(page, "Staff, dark: dashboard")
        page.emulate_media(color_scheme="light")

        # At 200% text size (the browser's setting, see test_main_screens_at_200_percent_text).
        cdp = laptop.new_cdp_session(page)
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
        for url, title in (
            ("/staff", "Campaigns"),
            (campaign_url, CAMPAIGN),
            (f"{campaign_url}/dashboard", f"Dashboard: {CAMPAIGN}"),
            ("/staff/practice", "Practice profile"),
        ):
            page.goto(url)
            expect(page.get_by_role("heading", name=title, level=1)).to_be_in_viewport()
            big_text += big_text_problems(page, f"Staff: {title}")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})

        # Sam joins on a phone, from the link, with no account yet.
        phone_page = sam.new_page()
        phone_errors = console_errors(phone_page)
        phone_page.goto(link)
        expect(phone_page.get_by_role("heading", name=CAMPAIGN)).to_be_visible()
        audit.check(phone_page, "Join a programme, before onboarding")
        phone_page.get_by_role("button", name="Get started").click()
        phone_page.get_by_role("button", name="Continue").click()
        phone_page.get_by_label("What should we call you?").fill("Sam")
        phone_page.get_by_role("button", name="Start").click()
        join = phone_page.get_by_role("button", name="Join on my own")
        expect(join).to_be_visible()
        audit.check(phone_page, "Join a programme, consent")
        phone_page.get_by_role("checkbox").check()
        expect(join).to_be_enabled(timeout=15_000)
        join.click()
        expect(phone_page.get_by_role("heading", name=CAMPAIGN, level=1)).to_be_visible()
        audit.check(phone_page, "A programme")
        phone_page.goto("/")
        expect(phone_page.locator(".campaign-card")).to_be_visible()
        audit.check(phone_page, "Today, with a programme")
        phone_page.goto("/support")
        expect(phone_page.get_by_role("region", name="Your practice")).to_be_visible()
        audit.check(phone_page, "Get support now, with a practice")
        assert phone_errors == []
    finally:
        laptop.close()
        sam.close()
    audit.assert_clean()
    assert not big_text, "At 200% text size:\n" + "\n".join(big_text)
