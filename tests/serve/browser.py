#!/usr/bin/python3
"""Browser tests of dateline-serve's page: headless Chromium driven by
Selenium through the page as a reader uses it (type a query, see the
highlights, click a facet, pick a range on the histogram, page, open an
article and step through its matches, go back), with screenshots in
build/screenshots/. Skips, saying why, when Chromium cannot start."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

BIN = os.environ.get("DATELINE_BIN", "bin")
SHOTS = os.environ.get("SCREENSHOTS", "build/screenshots")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900"]

try:
    from selenium import webdriver
    from selenium.common.exceptions import (NoAlertPresentException, NoSuchElementException,
                                            StaleElementReferenceException, TimeoutException,
                                            WebDriverException)
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError as e:
    print(f"skip browser tests: no selenium module ({e}); tools/install-deps installs python3-selenium")
    if os.environ.get("BROWSER_COUNTS"):
        with open(os.environ["BROWSER_COUNTS"], "a") as f:
            f.write("0 0 1\n")
    sys.exit(0)

passed = failed = skipped = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}" + (f"\n     {detail}" if detail else ""))


def main():
    tmp = tempfile.mkdtemp(prefix="dateline-browser.")
    server = driver = None
    try:
        docs = os.path.join(tmp, "docs")
        shutil.copytree("corpus", docs)
        with open(os.path.join(docs, "script.txt"), "w") as f:
            f.write('Title: <script>alert(1)</script> Zanzibar report\nDate: 2015-02-03\n\n'
                    'Zanzibar harbour <img src=x onerror=alert(2)> reopened.\n')
        db = os.path.join(tmp, "db")
        subprocess.run([f"{BIN}/dateline-index", "-d", db, "--quiet", docs], check=True,
                       stdout=subprocess.DEVNULL)
        out = open(os.path.join(tmp, "serve.out"), "w+")
        server = subprocess.Popen([f"{BIN}/dateline-serve", "-d", db, "--listen", "127.0.0.1:0"],
                                  stdout=out, stderr=subprocess.DEVNULL)
        url = None
        for _ in range(100):
            out.seek(0)
            m = re.search(r"http://\S+/", out.read())
            if m:
                url = m.group(0)
                break
            time.sleep(0.05)
        if not url:
            check("dateline-serve starts", False)
            return

        opts = webdriver.ChromeOptions()
        for flag in FLAGS:
            opts.add_argument(flag)
        opts.add_argument(f"--user-data-dir={os.path.join(tmp, 'profile')}")
        opts.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        try:
            driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or
                                                      "/usr/bin/chromedriver"), options=opts)
        except (WebDriverException, OSError) as e:
            print(f"skip browser tests: chromium cannot start ({str(e).splitlines()[0]})")
            global skipped
            skipped = 1
            return
        driver.set_page_load_timeout(30)
        run(driver, url)
    finally:
        if driver:
            driver.quit()
        if server:
            server.terminate()
            server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


def shot(driver, name):
    os.makedirs(SHOTS, exist_ok=True)
    driver.save_screenshot(os.path.join(SHOTS, name))


def params(driver):
    return urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)


def wait(driver, cond, what, timeout=10):
    """Wait for cond (the page loads in place: its elements may go stale
    while it is replaced); one check named what."""
    try:
        WebDriverWait(driver, timeout, ignored_exceptions=(
            StaleElementReferenceException, NoSuchElementException)).until(lambda d: cond(d))
        check(what, True)
        return True
    except TimeoutException:
        check(what, False, "timed out")
        return False


def no_alert(driver):
    try:
        driver.switch_to.alert
        return False
    except NoAlertPresentException:
        return True


def marks(driver, css):
    return [m.text for m in driver.find_elements(By.CSS_SELECTOR, css)]


def run(driver, url):
    driver.get(url)
    check("the front page has the box", driver.find_element(By.ID, "q") is not None)
    shot(driver, "00-front.png")

    # "/" focuses the box; Enter searches.
    driver.find_element(By.TAG_NAME, "body").send_keys("/")
    check("/ focuses the box", driver.switch_to.active_element.get_attribute("id") == "q")
    driver.switch_to.active_element.send_keys("Kerry Lavrov", Keys.ENTER)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".hit"), "results appear")
    check("the URL holds the query", params(driver).get("q") == ["Kerry Lavrov"],
          driver.current_url)
    hl = marks(driver, ".hit mark")
    check("results are highlighted", hl and all(m.lower().startswith(("kerry", "lavrov")) for m in hl), hl)
    check("hits show byline and date",
          driver.find_elements(By.CSS_SELECTOR, ".hit .meta .date"))
    shot(driver, "01-results.png")
    first_results = driver.current_url

    # A facet narrows; its chip removes it.
    link = driver.find_element(By.CSS_SELECTOR, '.facet[data-field="place"] li a')
    place = link.find_element(By.CSS_SELECTOR, ".name").text
    link.click()
    wait(driver, lambda d: "place" in params(d), "a facet click narrows the search")
    check("the facet is in the URL", params(driver).get("place") == [place], driver.current_url)
    check("and shown as a chip", place in " ".join(marks(driver, ".chip")))
    shot(driver, "02-facet.png")
    driver.find_element(By.CSS_SELECTOR, ".chip").click()
    wait(driver, lambda d: "place" not in params(d), "the chip removes the facet")

    # A range dragged across the histogram.
    bars = driver.find_elements(By.CSS_SELECTOR, ".histogram a.bar")
    check("a histogram of the matches", len(bars) >= 3, len(bars))
    if len(bars) >= 3:
        periods = [b.get_attribute("data-period") for b in bars]
        ActionChains(driver).click_and_hold(bars[0]).move_to_element(bars[-2]).release().perform()
        wait(driver, lambda d: "until" in params(d), "dragging on the histogram picks a range")
        p = params(driver)
        check("the range runs from the first bar to the one released on",
              p.get("since") == [periods[0]] and p.get("until") == [periods[-2]], p)
        dates = [e.text for e in driver.find_elements(By.CSS_SELECTOR, ".hit .date")]
        check("every hit is in the range",
              dates and all(periods[0] <= d[:len(periods[0])] <= periods[-2] for d in dates), dates)
        shot(driver, "03-range.png")

    # Paging.
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys("Kerry", Keys.ENTER)
    wait(driver, lambda d: params(d).get("q") == ["Kerry"], "a new query")
    for chip in driver.find_elements(By.CSS_SELECTOR, ".chip"):
        chip.click()
        break
    wait(driver, lambda d: "since" not in params(d), "the range removed")
    nxt = driver.find_elements(By.CSS_SELECTOR, '.pager a[rel="next"]')
    check("a next page", nxt)
    if nxt:
        nxt[0].click()
        wait(driver, lambda d: params(d).get("offset") == ["10"], "next page in the URL")
        check("the second page starts at 11",
              driver.find_element(By.CSS_SELECTOR, "ol.hits").get_attribute("start") == "11")
        shot(driver, "04-page2.png")
        driver.back()
        # The URL goes back at once, the page once it is loaded.
        check("back returns to page one", "offset" not in params(driver))
        wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, "ol.hits").get_attribute(
            "start") == "1", "page one again")

    # An article, stepped through.
    driver.get(first_results)
    driver.find_element(By.CSS_SELECTOR, ".hit a.title").click()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".article .body"), "an article opens")
    all_marks = driver.find_elements(By.CSS_SELECTOR, ".article .body mark")
    count = int(driver.find_element(By.CSS_SELECTOR, ".matchnav").get_attribute("data-count"))
    check("every match is highlighted", len(all_marks) == count and count >= 2, (len(all_marks), count))
    cur = lambda d: [m.get_attribute("id") for m in d.find_elements(By.CSS_SELECTOR, ".body mark.current")]
    check("it opens at the first match", cur(driver) == ["m1"], cur(driver))
    driver.find_element(By.TAG_NAME, "body").send_keys("n")
    check("n goes to the next match", cur(driver) == ["m2"], cur(driver))
    driver.find_element(By.CSS_SELECTOR, ".matchnav .next").click()
    check("next goes on", cur(driver) == ["m3"] if count >= 3 else cur(driver) == ["m1"], cur(driver))
    driver.find_element(By.CSS_SELECTOR, ".matchnav .prev").click()
    driver.find_element(By.CSS_SELECTOR, ".matchnav .prev").click()
    check("previous comes back", cur(driver) == ["m1"], cur(driver))
    driver.find_element(By.TAG_NAME, "body").send_keys("p")
    check("before the first is the last", cur(driver) == [f"m{count}"], cur(driver))
    check("the position is shown",
          driver.find_element(By.CSS_SELECTOR, ".matchnav .pos").text == f"match {count} of {count}")
    check("its people and places are links", driver.find_elements(
        By.CSS_SELECTOR, '.facets a[href^="/?person="], .facets a[href^="/?place="]'))
    check("related reports", driver.find_elements(By.CSS_SELECTOR, ".related li"))
    shot(driver, "05-article.png")
    driver.back()
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".hit"), "back returns to the results")
    check("with the same query", params(driver).get("q") == ["Kerry Lavrov"], driver.current_url)

    # A bad query: the column under the box.
    box = driver.find_element(By.ID, "q")
    box.clear()
    box.send_keys('Kerry AND "Lavrov', Keys.ENTER)
    wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, ".qerror"), "a bad query says why")
    err = driver.find_element(By.CSS_SELECTOR, ".qerror").text
    check("with the column", "column" in err and "^" in err, err)
    shot(driver, "06-bad-query.png")

    # Hostile text is text.
    driver.get(url + "?q=Zanzibar")
    titles = marks(driver, ".hit a.title")
    check("a title with markup shows as text",
          any("<script>alert(1)</script>" in t for t in titles), titles)
    check("and runs nothing", no_alert(driver))
    driver.get(url + "?q=" + urllib.parse.quote('"><img src=x onerror=alert(3)></script><script>alert(4)</script>'))
    check("a hostile query runs nothing", no_alert(driver))
    check("and stays in the box", "onerror" in driver.find_element(By.ID, "q").get_attribute("value"))
    shot(driver, "07-hostile.png")

    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"
              and "status of 400" not in e["message"]]
    check("no errors in the console (CSP violations included)", not errors,
          [e["message"] for e in errors][:3])


if __name__ == "__main__":
    main()
    print(f"browser tests: {passed} passed, {failed} failed")
    # make check's last line counts them (tests/summary.sh).
    if os.environ.get("BROWSER_COUNTS"):
        with open(os.environ["BROWSER_COUNTS"], "a") as f:
            f.write(f"{passed} {failed} {skipped}\n")
    sys.exit(1 if failed else 0)
