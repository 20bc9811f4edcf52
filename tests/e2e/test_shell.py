"""The installable shell: first load, offline reload, library, a lesson, support, updates."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.e2e.conftest import CHROMIUM, LAUNCH_ARGS, PHONE, phone_context
from tests.e2e.test_lesson_loop import onboard
from tests.server import Server

pytestmark = pytest.mark.e2e


def wait_for_service_worker(page: Page) -> None:
    page.wait_for_function(
        "() => navigator.serviceWorker.controller !== null"
        " && navigator.serviceWorker.controller.state === 'activated'"
    )


def open_app(context: BrowserContext) -> Page:
    """First open: onboarding, then the library with the service worker in control."""
    page = context.new_page()
    onboard(page)
    page.goto("/library")
    expect(page.get_by_role("heading", level=1)).to_have_text("Library")
    wait_for_service_worker(page)
    return page


def test_served_shell_manifest_and_worker(server: Server) -> None:
    assert httpx.get(f"{server.url}/api/health").json()["status"] == "ok"
    manifest = httpx.get(f"{server.url}/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    body = manifest.json()
    assert body["display"] == "standalone"
    assert body["start_url"] == "/"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in body["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    worker = httpx.get(f"{server.url}/sw.js")
    assert worker.status_code == 200
    assert worker.headers["cache-control"] == "no-cache"


def test_app_is_installable(playwright: Playwright, server: Server, tmp_path: Path) -> None:
    # A profile on disk: Chromium never offers to install from an incognito-like context.
    context = playwright.chromium.launch_persistent_context(
        tmp_path / "profile",
        executable_path=CHROMIUM,
        args=LAUNCH_ARGS,
        base_url=server.url,
        viewport=PHONE,
    )
    try:
        page = open_app(context)
        session = context.new_cdp_session(page)
        errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
        manifest = session.send("Page.getAppManifest")
    finally:
        context.close()

    assert errors == []
    assert manifest["errors"] == []


def test_works_offline_after_first_visit(context: BrowserContext) -> None:
    page = open_app(context)
    first_lesson = page.locator("main ol a").first.inner_text()

    context.set_offline(True)
    page.reload()

    expect(page.get_by_role("heading", level=1)).to_have_text("Library")
    expect(page.get_by_role("status").filter(has_text="Offline")).to_be_visible()
    page.get_by_role("link", name=re.compile(re.escape(first_lesson.splitlines()[0]))).click()
    dots = page.locator("[aria-label^='Card 1 of']")
    expect(dots).to_be_visible()
    total = int(re.search(r"of (\d+)", dots.get_attribute("aria-label") or "").group(1))  # type: ignore[union-attr]
    assert 3 <= total <= 6
    for card in range(2, total + 1):
        page.get_by_role("button", name="Next").click()
        expect(page.get_by_role("img", name=f"Card {card} of {total}")).to_be_visible()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_text("A question to think about")).to_be_visible()

    page.get_by_role("link", name="Get support now").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get support now")
    expect(page.get_by_label("Country")).to_have_value("GB")  # from the en-GB locale
    expect(page.get_by_role("link", name="Call 116 123").first).to_be_visible()


def test_deep_links_and_support_load_offline(context: BrowserContext) -> None:
    page = open_app(context)
    context.set_offline(True)

    page.goto("/support")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get support now")
    page.get_by_label("Country").select_option("US")
    expect(page.get_by_role("link", name="Call 988").first).to_be_visible()

    page.goto("/lessons/felt-understanding")
    expect(page.get_by_role("heading", level=1)).to_have_text("What connection really feels like")

    page.goto("/no/such/screen")
    expect(page.get_by_role("heading", level=1)).to_contain_text("find")


def test_support_is_one_tap_from_every_screen(context: BrowserContext) -> None:
    page = open_app(context)
    for path in ("/", "/tracks/what-connection-is", "/lessons/reaching-out", "/nowhere"):
        page.goto(path)
        link = page.get_by_role("link", name="Get support now")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", "/support")


FORGET_EVERYTHING_BUT_THE_SHELL = """async () => {
    await new Promise((done) => {
        const request = indexedDB.deleteDatabase("attune");
        request.onsuccess = request.onerror = request.onblocked = () => done(null);
    });
    const keys = await caches.keys();
    await Promise.all(keys.filter((k) => k.includes("content")).map((k) => caches.delete(k)));
}"""


def test_first_visit_offline_says_it_needs_a_connection(context: BrowserContext) -> None:
    page = context.new_page()
    page.goto("/")
    wait_for_service_worker(page)
    page.evaluate(FORGET_EVERYTHING_BUT_THE_SHELL)
    context.set_offline(True)
    page.reload()
    # Onboarding needs no content and works offline; the content is what needs a connection.
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_text("needs a connection", exact=False)).to_be_visible()


def test_a_page_the_worker_missed_is_taken_under_its_control(context: BrowserContext) -> None:
    # A page that loads past the worker (here a hard reload; on a first visit, a navigation
    # still in flight when the worker activated) asks it to take control, so it works offline.
    page = open_app(context)
    session = context.new_cdp_session(page)
    with page.expect_event("load"):
        session.send("Page.reload", {"ignoreCache": True})
    expect(page.get_by_role("heading", level=1)).to_have_text("Library")
    wait_for_service_worker(page)

    context.set_offline(True)
    page.goto("/lessons/felt-understanding")
    expect(page.get_by_role("heading", level=1)).to_have_text("What connection really feels like")


def test_an_update_asks_before_reloading(browser: Browser, own_server: tuple[Server, Path]) -> None:
    server, dist = own_server
    context = phone_context(browser, server.url)
    page = context.new_page()
    loads: list[str] = []
    page.on("load", lambda _: loads.append(page.url))
    onboard(page)
    page.goto("/lessons/felt-understanding")
    wait_for_service_worker(page)
    page.get_by_role("button", name="Next").click()
    place = page.locator("[aria-label^='Card 2 of']")
    expect(place).to_be_visible()

    with (dist / "sw.js").open("a") as worker:
        worker.write("\n// a new release\n")
    before = len(loads)
    page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r.update())")

    expect(page.get_by_text("A new version of Attune is ready.")).to_be_visible(timeout=15000)
    page.wait_for_timeout(1000)
    assert len(loads) == before, "the page reloaded without asking"
    expect(place).to_be_visible()  # the reader kept its place

    with page.expect_event("load", timeout=15000):
        page.get_by_role("button", name="Reload").click()
    expect(page.get_by_text("A new version of Attune is ready.")).to_have_count(0)
    waiting = page.evaluate(
        "() => navigator.serviceWorker.getRegistration().then(r => !!r.waiting)"
    )
    assert waiting is False
    context.close()


LAYOUT_SHIFTS = """(() => {
    window.__layoutShift = 0;
    new PerformanceObserver((entries) => {
        // Every shift counts: touch emulation marks them all as after "recent input".
        for (const entry of entries.getEntries()) window.__layoutShift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
})();"""


def test_today_holds_still_while_a_returning_user_opens_it(context: BrowserContext) -> None:
    page = context.new_page()
    onboard(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    expect(page.locator("header [role=status]")).to_have_text("Saved", timeout=15_000)
    context.add_init_script(script=LAYOUT_SHIFTS)
    for _ in range(2):
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Today")
        expect(page.locator("header [role=status]")).to_be_visible()
        page.wait_for_timeout(500)  # let late arrivals (banners, the status) land
        assert page.evaluate("() => window.__layoutShift") == 0
