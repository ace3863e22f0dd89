"""The memory viewer in a real headless browser (Debian's chromium + chromium-driver, driven by Selenium)
against a team server: log in with a token, search, correct a fact, delete a page and see it gone from
search; a second user's token sees none of it.

`.ci/run` installs chromium and sets MEMORYOS_BROWSER_REQUIRED=1, so there a missing browser fails instead of
skipping. MEMORYOS_SCREENSHOTS=DIR saves a PNG of each view (the README's are made that way).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_comprehensive import http_server, payload, write_config
from tests.test_team import add_token, client_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PAGES = [
    ("I am allergic to penicillin.", "Noted, I will remember that."),
    ("My dog Biscuit loves running on the beach at Cascais.", "Biscuit sounds like a happy dog."),
    ("I work as a nurse at the Santa Maria hospital.", "That is demanding work."),
    ("My locker code at the hospital is qx7alice.", "Saved."),
    ("My sister Ana lives in Porto.", "Porto is beautiful."),
    ("I started learning the cello in January.", "How are the lessons going?"),
    ("Biscuit had his vaccines at the vet yesterday.", "Glad he is protected."),
    ("My favourite food is grilled sardines.", "A Lisbon classic."),
]


def webdriver() -> Any:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        if os.environ.get("MEMORYOS_BROWSER_REQUIRED") == "1":
            pytest.fail("chromium and chromium-driver are required here (apt-get install chromium chromium-driver)")
        pytest.skip("needs Debian's chromium and chromium-driver")
    from selenium import webdriver as selenium
    from selenium.webdriver.chrome.service import Service

    options = selenium.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1100,820",
                 "--disable-gpu", "--hide-scrollbars"):
        options.add_argument(flag)
    return selenium.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))


def wait_for(condition: Callable[[], Any], what: str, timeout: float = 60.0) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except Exception:  # the page is still changing under the query
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"the viewer never showed {what}")


@pytest.fixture
def browser() -> Iterator[Any]:
    driver = webdriver()
    try:
        yield driver
    finally:
        driver.quit()


def test_viewer_login_search_correct_delete_and_isolation(tmp_path: Path, browser: Any) -> None:
    from selenium.webdriver.common.by import By

    config = write_config(tmp_path, auth_tokens_file="tokens.json", user_id="owner")
    alice, bob = add_token(config, "alice"), add_token(config, "bob")
    shots = Path(os.environ.get("MEMORYOS_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    with open(tmp_path / "server.log", "w", encoding="utf-8") as errlog, \
            http_server(config, "streamable-http", errlog) as base:
        with client_for(base, alice) as client:
            payload(client.call("add_memories", {"pages": [
                {"user_input": u, "agent_response": a, "timestamp": f"2024-05-{day + 1:02d}T09:00:00"}
                for day, (u, a) in enumerate(PAGES)]}))
            wait_for(lambda: payload(client.call("list_knowledge", {"limit": 50}))["total"] >= 3, "facts learnt")
            for question in ("What is my dog called?", "Where does my sister live?", "my dog Biscuit"):
                client.call("retrieve_memory", {"query": question})

        def text_of(element_id: str) -> str:
            return browser.find_element(By.ID, element_id).text

        def tab(view: str) -> None:
            browser.find_element(By.CSS_SELECTOR, f'#tabs button[data-view="{view}"]').click()

        def login(token: str) -> None:
            wait_for(lambda: browser.find_element(By.ID, "login").is_displayed(), "the login form")
            field = browser.find_element(By.ID, "token")
            field.clear()
            field.send_keys(token)
            browser.find_element(By.CSS_SELECTOR, "#login-form button").click()
            wait_for(lambda: browser.find_element(By.ID, "tabs").is_displayed(), "the tabs after login")

        def search(query: str) -> str:
            tab("search")
            box = browser.find_element(By.ID, "query")
            box.clear()
            box.send_keys(query)
            browser.find_element(By.CSS_SELECTOR, "#search-form button").click()
            return wait_for(lambda: (t := text_of("results")) not in ("Type a question or a name.", "Searching…") and t,
                            "results")

        browser.get(f"{base}/ui")
        login("not-a-token-of-this-server")
        wait_for(lambda: "not accepted" in text_of("error"), "the refusal of a wrong token")
        login(alice)
        wait_for(lambda: "alice" in text_of("who") and "Biscuit" in text_of("segments") + text_of("profile"),
                 "alice's overview")
        browser.save_screenshot(str(shots / "viewer-overview.png"))

        tab("facts")
        wait_for(lambda: "penicillin" in text_of("fact-list"), "the penicillin fact")
        browser.save_screenshot(str(shots / "viewer-facts.png"))
        row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#fact-list .fact") if "penicillin" in r.text)
        row.find_element(By.XPATH, ".//button[text()='Correct']").click()
        prompt = browser.switch_to.alert
        prompt.send_keys("User is allergic to amoxicillin")
        prompt.accept()
        wait_for(lambda: "amoxicillin" in text_of("fact-list") and "corrected" in text_of("fact-list"),
                 "the corrected fact")
        sources = browser.find_element(By.CSS_SELECTOR, "#fact-list .fact .meta a")
        sources.click()
        wait_for(lambda: "#" in text_of("page-detail"), "a fact's source page")

        tab("timeline")
        wait_for(lambda: "qx7alice" in text_of("page-list"), "the timeline")
        browser.save_screenshot(str(shots / "viewer-timeline.png"))

        assert "qx7alice" in search("locker code at the hospital")
        browser.save_screenshot(str(shots / "viewer-search.png"))
        hit = next(r for r in browser.find_elements(By.CSS_SELECTOR, "#results .page") if "qx7alice" in r.text)
        hit.find_element(By.XPATH, ".//button[text()='Delete']").click()
        browser.switch_to.alert.accept()
        wait_for(lambda: "qx7alice" not in text_of("results"), "the deleted page leave the results")
        assert "qx7alice" not in search("locker code at the hospital")

        browser.find_element(By.ID, "logout").click()
        assert "Biscuit" not in browser.find_element(By.TAG_NAME, "body").get_attribute("innerHTML")  # no trace left
        login(bob)
        wait_for(lambda: "bob" in text_of("who"), "bob's overview")
        assert "No profile yet." in text_of("profile") and "Biscuit" not in text_of("segments")
        results = search("Biscuit penicillin locker sister")
        assert "Nothing found." in results
        tab("timeline")
        wait_for(lambda: "Nothing stored yet." in text_of("page-list"), "bob's empty timeline")
        tab("facts")
        wait_for(lambda: "No facts yet." in text_of("fact-list"), "bob's empty facts")
