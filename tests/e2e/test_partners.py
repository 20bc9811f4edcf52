"""Partners: an invitation link through onboarding, answers offline and the reveal, nudges and
reactions, partners far apart in time, and unlinking. Two browser contexts are two phones.

What the server holds is read through the API with each context's own session cookie.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.test_lesson_loop import console_errors, expect_saved, me, onboard, pull_everything
from tests.server import Server

pytestmark = pytest.mark.e2e


def curly(text: str) -> str:
    """The app's typographic apostrophes (U+2019), written plainly here."""
    return text.replace("'", "\u2019")


INVITED = curly("You've been invited to link with a partner")
ALEX_ANSWER = "When we cooked <b>together</b> on Sunday & laughed about the burnt onions."
BLAKE_ANSWER = "Our walk by the river, when you noticed the heron before I did."
CLIENT = {"X-Attune-Client": "test"}


# -- helpers ----------------------------------------------------------------------------------


def phone(browser: Browser, server: Server, zone: str = "Europe/London") -> BrowserContext:
    """A fresh phone in `zone` (conftest's phone_context fixes the zone to Europe/London)."""
    return browser.new_context(
        base_url=server.url,
        viewport=PHONE,
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
        locale="en-GB",
        timezone_id=zone,
    )


@pytest.fixture
def two_phones(browser: Browser, server: Server) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    first, second = phone(browser, server), phone(browser, server)
    yield first, second
    first.close()
    second.close()


def tab(page: Page, name: str) -> None:
    """In-app navigation through the main tab bar."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True).click()


def start(context: BrowserContext, name: str) -> Page:
    """A phone whose owner has gone through onboarding and whose account exists."""
    page = context.new_page()
    onboard(page, name)
    expect_saved(page)
    return page


def link_through_api(inviter: BrowserContext, joiner: BrowserContext, server: Server) -> None:
    invite = inviter.request.post(f"{server.url}/api/couple/invites", headers=CLIENT)
    assert invite.status == 201, invite.text()
    joined = joiner.request.post(
        f"{server.url}/api/couple/join", headers=CLIENT, data={"code": invite.json()["code"]}
    )
    assert joined.status == 200, joined.text()


def prompt_card(page: Page) -> Locator:
    return page.locator(".prompt-card")


def answer(page: Page, text: str) -> None:
    page.get_by_role("textbox", name="Your answer").fill(text)
    page.get_by_role("button", name="Save answer").click()


def prompt_texts(context: BrowserContext, server: Server) -> dict[str, str]:
    content = context.request.get(f"{server.url}/api/content").json()
    return {prompt["id"]: prompt["text"] for prompt in content["prompts"]}


def schedule(context: BrowserContext, server: Server) -> dict[str, Any]:
    response = context.request.get(f"{server.url}/api/prompts/schedule")
    assert response.status == 200, response.text()
    return dict(response.json())


# -- linking, answering, the reveal -----------------------------------------------------------


def test_invite_link_offline_answer_reveal_nudge_and_reaction(
    two_phones: tuple[BrowserContext, BrowserContext], server: Server
) -> None:
    a, b = two_phones
    page_a = start(a, "Alex")
    errors_a = console_errors(page_a)

    # Alex invites: a code to read out, a link to share and a QR code, kept across a reload.
    tab(page_a, "Partner")
    page_a.get_by_role("button", name="Create an invitation").click()
    code = page_a.locator("p.invite-code")
    expect(code).to_have_text(re.compile(r"^[0-9A-Z]{5}-[0-9A-Z]{5}$"))
    invite_code = code.inner_text()
    link = page_a.locator(".invite-link").inner_text()
    assert link == f"{server.url}/join/{invite_code}"
    expect(page_a.get_by_role("img", name="QR code of the invitation link")).to_be_visible()
    page_a.reload()
    expect(code).to_have_text(invite_code)

    # Blake, on a new phone with no account, opens the link: onboarding, then linked.
    page_b = b.new_page()
    errors_b = console_errors(page_b)
    page_b.goto(link)
    expect(page_b.get_by_role("heading", level=1)).to_have_text(INVITED)
    page_b.get_by_role("button", name="Get started").click()
    expect(page_b.get_by_role("heading", level=1)).to_have_text("Welcome to Attune")
    page_b.get_by_role("button", name="Continue").click()
    page_b.get_by_label("What should we call you?").fill("Blake")
    page_b.get_by_role("button", name="Start").click()
    expect(page_b.get_by_role("heading", name=curly("You're linked with Alex"))).to_be_visible(
        timeout=15_000
    )
    # Alex's open page hears about it (the event stream): no reload.
    expect(page_a.get_by_role("main")).to_contain_text(curly("You've been linked with Blake"))

    # Blake answers today's question with no network: kept on the phone.
    page_b.get_by_role("link", name=curly("Go to today's question")).click()
    expect(prompt_card(page_b)).to_contain_text("With Alex")
    question = page_b.locator("#prompt-question").inner_text()
    b.set_offline(True)
    answer(page_b, BLAKE_ANSWER)
    expect(prompt_card(page_b)).to_contain_text(
        curly("Saved on this phone. It will be shared when you're back online.")
    )
    expect(prompt_card(page_b)).to_contain_text(BLAKE_ANSWER)

    # Alex, online, gets the same question, answers, waits, and nudges.
    tab(page_a, "Today")
    expect(page_a.locator("#prompt-question")).to_have_text(question)
    expect(prompt_card(page_a)).to_contain_text("With Blake")
    answer(page_a, ALEX_ANSWER)
    expect(prompt_card(page_a)).to_contain_text("Waiting for Blake.")
    page_a.get_by_role("button", name="Send a gentle nudge").click()
    expect(prompt_card(page_a)).to_contain_text("Nudge sent.")
    expect_saved(page_a)
    # Nothing of Blake's answer has reached Alex: not the page, not Alex's feed.
    assert BLAKE_ANSWER not in page_a.locator("body").inner_text()
    assert BLAKE_ANSWER not in str(pull_everything(a, server))

    # Blake is back online: the answer goes, both answers show on both phones.
    b.set_offline(False)
    reveal_b = page_b.locator(".reveal")
    expect(reveal_b).to_contain_text(ALEX_ANSWER, timeout=15_000)
    expect(reveal_b).to_contain_text(BLAKE_ANSWER)
    reveal_a = page_a.locator(".reveal")
    expect(reveal_a).to_contain_text(BLAKE_ANSWER, timeout=15_000)
    expect(reveal_a).to_contain_text(ALEX_ANSWER)

    # Alex's nudge reached Blake as a gentle notice that can be put away.
    nudge = page_b.get_by_role("status").filter(has_text="Alex sent you a gentle nudge about today")
    expect(nudge).to_be_visible()
    nudge.get_by_role("button", name="Dismiss").click()
    expect(nudge).to_have_count(0)

    # A one-tap reaction travels too.
    reactions = page_a.get_by_role("group", name=curly("React to Blake's answer"))
    reactions.get_by_role("button", name="Hug").click()
    expect(reactions.get_by_role("button", name="Hug")).to_have_attribute("aria-pressed", "true")
    expect(reveal_b).to_contain_text("Alex reacted: Hug", timeout=15_000)

    # The history keeps both answers, filterable by category.
    page_b.get_by_role("link", name="Past questions and answers").click()
    expect(page_b.get_by_role("heading", level=1)).to_have_text("Past questions")
    history = page_b.locator(".history")
    expect(history).to_contain_text(question)
    expect(history).to_contain_text(ALEX_ANSWER)
    category = page_b.get_by_label("Category")
    options = category.locator("option").all_inner_texts()
    assert options[0] == "All categories"
    assert len(options) == 2
    category.select_option(label=options[1])
    expect(history).to_contain_text(BLAKE_ANSWER)
    assert errors_a == []
    assert errors_b == []


# -- time zones -------------------------------------------------------------------------------


def test_partners_far_apart_get_the_same_question_on_their_own_date(
    browser: Browser, server: Server
) -> None:
    a = phone(browser, server, "Pacific/Auckland")
    b = phone(browser, server, "America/Los_Angeles")
    try:
        page_a, page_b = start(a, "Aroha"), start(b, "Bea")
        assert me(a, server)["time_zone"] == "Pacific/Auckland"
        assert me(b, server)["time_zone"] == "America/Los_Angeles"
        link_through_api(a, b, server)
        page_b.reload()
        for page, partner in ((page_a, "Bea"), (page_b, "Aroha")):
            expect(prompt_card(page)).to_contain_text(f"With {partner}", timeout=15_000)

        texts = prompt_texts(a, server)
        schedule_a, schedule_b = schedule(a, server), schedule(b, server)
        assert schedule_a["shared"]
        assert schedule_b["shared"]
        days_a = {entry["day"]: entry["prompt_id"] for entry in schedule_a["days"]}
        days_b = {entry["day"]: entry["prompt_id"] for entry in schedule_b["days"]}
        common = set(days_a) & set(days_b)
        assert len(common) >= 14
        assert all(days_a[day] == days_b[day] for day in common)

        # Each sees the question of the date they each consider today.
        today_a, today_b = me(a, server)["today"], me(b, server)["today"]
        expect(page_a.locator("#prompt-question")).to_have_text(texts[days_a[today_a]])
        expect(page_b.locator("#prompt-question")).to_have_text(texts[days_b[today_b]])

        # Auckland is usually a day ahead: on Bea's date D, Aroha's phone shows Bea's question.
        ahead = (dt.date.fromisoformat(today_a) - dt.date.fromisoformat(today_b)).days
        if ahead:
            page_a.clock.set_fixed_time(dt.datetime.now(dt.UTC) - dt.timedelta(days=ahead))
            page_a.reload()
            expect(page_a.get_by_role("main")).to_contain_text("With Bea")
            expect(page_a.locator("#prompt-question")).to_have_text(texts[days_b[today_b]])
    finally:
        a.close()
        b.close()


# -- typing a code, and unlinking -------------------------------------------------------------


def test_a_typed_code_links_and_unlinking_stops_sharing(
    two_phones: tuple[BrowserContext, BrowserContext], server: Server
) -> None:
    a, b = two_phones
    page_a, page_b = start(a, "Alex"), start(b, "Blake")
    invite = a.request.post(f"{server.url}/api/couple/invites", headers=CLIENT).json()

    # A code that matches nothing says so; the real one works typed loosely.
    tab(page_b, "Partner")
    field = page_b.get_by_label(curly("Your partner's code"))
    field.fill("AAAAA-AAAAA")
    page_b.get_by_role("button", name="Link with my partner").click()
    expect(page_b.get_by_role("main")).to_contain_text("doesn't match any invitation")
    loose = invite["code"].lower().replace("-", " ").replace("0", "o")
    field.fill(loose)
    page_b.get_by_role("button", name="Link with my partner").click()
    expect(page_b.get_by_role("main")).to_contain_text(curly("You've been linked with Alex"))
    expect(page_a.get_by_role("main")).to_contain_text("With Blake", timeout=15_000)

    # Both answer: revealed.
    tab(page_b, "Today")
    answer(page_a, ALEX_ANSWER)
    answer(page_b, BLAKE_ANSWER)
    expect(page_b.locator(".reveal")).to_contain_text(ALEX_ANSWER, timeout=15_000)
    expect(page_a.locator(".reveal")).to_contain_text(BLAKE_ANSWER, timeout=15_000)

    # Alex unlinks, after a plain confirmation.
    tab(page_a, "Partner")
    page_a.get_by_role("button", name="Unlink from Blake").click()
    expect(page_a.get_by_role("main")).to_contain_text(
        curly("From now on neither of you sees the other's new answers; ")
        + "your past answers stay with you."
    )
    page_a.get_by_role("button", name="Yes, unlink").click()
    expect(page_a.get_by_role("heading", name="Invite your partner")).to_be_visible()

    # Blake's open page follows; Blake keeps their own answer, and only that.
    expect(prompt_card(page_b)).to_contain_text("Just for you", timeout=15_000)
    page_b.get_by_role("link", name="Past questions and answers").click()
    history = page_b.locator(".history")
    expect(history).to_contain_text(BLAKE_ANSWER)
    expect(history).not_to_contain_text(ALEX_ANSWER)
    tab(page_b, "Partner")
    expect(page_b.get_by_role("heading", name="Invite your partner")).to_be_visible()
    assert schedule(b, server)["shared"] is False
    assert ALEX_ANSWER not in str(pull_everything(b, server))
