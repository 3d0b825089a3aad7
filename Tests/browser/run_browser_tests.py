#!/usr/bin/env python3
"""Browser tests for Public/: drives headless Chromium against a running server (the real
`dateline serve` or Tests/browser/mock_api.py) and checks what a reader would see. Expectations
come from the server's own JSON API, so the same checks run on any corpus.

    python3 Tests/browser/run_browser_tests.py --base http://127.0.0.1:PORT [--public Public] [--artifacts .ci/artifacts]

Prints one line per check (`ok` / `not ok`) and exits non-zero when any check fails.
Screenshots of every view go to the artifacts folder.
"""
import argparse
import json
import os
import re
import sys
import time
import traceback
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

from cdp import Browser, CDPError

PAYLOAD_LIMIT = 100_000
CHECKS = []


def check(name):
    def register(fn):
        CHECKS.append((name, fn))
        return fn
    return register


class Failure(AssertionError):
    pass


def expect(condition, message):
    if not condition:
        raise Failure(message)


def equal(actual, expected, what):
    if actual != expected:
        raise Failure(f"{what}: expected {expected!r}, got {actual!r}")


class Suite:
    """Shared state of one run: the browser page, the server's base URL, expectations from the API."""

    def __init__(self, page, base, public, artifacts):
        self.page, self.base, self.public, self.artifacts = page, base.rstrip("/"), public, artifacts
        self.stats = self.api("stats")
        self.has_entities = isinstance(self.stats.get("entities"), int)
        self.first_posts = self.api("posts", order="asc", limit=100)["items"]

    def api(self, path, **params):
        query = urlencode({k: v for k, v in params.items() if v is not None})
        url = f"{self.base}/api/{path}{'?' + query if query else ''}"
        with urllib.request.urlopen(url, timeout=10) as response:
            return json.load(response)

    def open(self, route, view, state="ready"):
        """Loads the page fresh at a hash route and waits until the view has finished."""
        self.page.call("Page.navigate", url="about:blank")
        self.page.call("Page.navigate", url=f"{self.base}/{route}")
        return self.settle(view, state)

    def settle(self, view, state="ready"):
        """Waits until a new rendering of `view` (not one marked stale by act) has finished."""
        probe = ("(() => { const m = document.querySelector('main'), v = m && m.querySelector('.view');"
                 " return v && !v.dataset.stale && m.dataset.state !== 'loading' && m.dataset.view + ' ' + m.dataset.state; })()")
        try:
            got = self.page.wait_for(f"(() => {{ const s = {probe}; return s && s.startsWith({json.dumps(view + ' ')}) && s; }})()",
                                     what=f"view {view} to finish loading")
        except CDPError as error:
            raise Failure(f"{error}; the page shows {self.js(probe)!r}")
        equal(got, f"{view} {state}", "view and state")

    def act(self, expression):
        """Runs JavaScript that changes the route, after marking the current view stale for settle."""
        self.js("document.querySelector('main .view') && (document.querySelector('main .view').dataset.stale = '1')")
        return self.js(expression)

    def js(self, expression):
        return self.page.evaluate(expression)

    def texts(self, selector):
        return self.js(f"[...document.querySelectorAll({json.dumps(selector)})].map(e => e.textContent.trim())")

    def post_ids(self):
        return self.js("[...document.querySelectorAll('main [data-post]')].map(e => e.dataset.post)")

    def shot(self, name, max_height=6000):
        self.page.screenshot(os.path.join(self.artifacts, f"{name}.png"), max_height)

    def alert_text(self):
        return self.js("[...document.querySelectorAll('main [role=alert]')].map(e => e.innerText.trim()).join(' | ')")


def title_of(post):
    return post["headline"]


# Loading and the timeline

@check("payload of Public/ is under 100 KB and every file loads")
def payload(t):
    total = 0
    for folder, _, files in os.walk(t.public):
        for name in files:
            total += os.path.getsize(os.path.join(folder, name))
    expect(total < PAYLOAD_LIMIT, f"Public/ holds {total} bytes, limit {PAYLOAD_LIMIT}")
    t.open("#/", "timeline")
    loaded = t.js("performance.getEntriesByType('resource').filter(e => !e.name.includes('/api/')).map(e => e.name)")
    expect(any(n.endswith("app.css") for n in loaded) and any(n.endswith("app.js") for n in loaded),
           f"stylesheet and script loaded: {loaded}")
    print(f"# payload: {total} bytes in Public/")


@check("timeline lists the posts of the first API page, grouped by day in order")
def timeline_posts(t):
    t.open("#/", "timeline")
    posts = t.first_posts
    equal(t.post_ids(), [p["id"] for p in posts], "post ids in page order")
    days = []
    for p in posts:
        key = p["day"] or "undated"
        if key not in days:
            days.append(key)
    equal(t.js("[...document.querySelectorAll('main section.day')].map(e => e.dataset.day)"), days, "day sections")
    headlines = t.js("Object.fromEntries([...document.querySelectorAll('main .post')].map(e => [e.dataset.post, e.querySelector('h3').textContent]))")
    for p in posts:
        if p["headline"]:
            equal(headlines[p["id"]], p["headline"], f"headline of {p['id']} (as text, markup characters included)")
    unknown = sum(1 for p in posts if p["time_precision"] != "minute")
    equal(len([x for x in t.texts("main .post .when") if x == "time unknown"]), unknown, "posts marked time unknown")
    timed = t.texts("main .post .when time")
    expect(all(re.fullmatch(r"\d{1,2}:\d{2} [ap]\.m\.", x) for x in timed), f"clock times look like 9:47 p.m.: {timed[:5]}")
    bylines = sum(1 for p in posts if p["byline"] or p["authors"])
    equal(len(t.texts("main .post .byline")), bylines, "bylines shown")
    expected_chips = sum(len(p["entities"]) for p in posts)
    equal(len(t.texts("main .post .chips a:not(.more)")), expected_chips, "entity chips")
    equal(len(t.texts("main .post .chips a.more")), sum(1 for p in posts if p["entity_count"] > len(p["entities"])),
          "a '+N more' chip on each post that has more entities than its list shows")
    if t.has_entities:
        expect(expected_chips > 0, "with entities available, some post should carry entity chips")
    t.shot("timeline")


@check("timeline chart has one bar per day bucket with its count")
def timeline_chart(t):
    t.open("#/", "timeline")
    buckets = t.api("timeline", granularity="day")["items"]
    bars = t.js("[...document.querySelectorAll('main figure.chart rect.bar')].map(r => [r.dataset.key, +r.dataset.count])")
    equal(bars, [[b["key"], b["count"]] for b in buckets], "bars (key, count)")
    expect(all(h > 0 for h in t.js("[...document.querySelectorAll('main rect.bar')].map(r => r.getBBox().height)")), "bars are drawn")
    first = buckets[0]["key"][:10]
    t.act("document.querySelector('main figure.chart a').dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))")
    t.settle("timeline")
    expect(t.js("location.hash").endswith(f"since={first}&until={first}"), f"clicking a bar filters to its day: {t.js('location.hash')}")
    equal(t.js("[...document.querySelectorAll('main section.day')].map(e => e.dataset.day)"), [first], "sections after clicking a bar")


@check("timeline filters by page, date range and entity from the URL")
def timeline_filters(t):
    for page in t.api("pages")["items"][:3]:
        expected = [p["id"] for p in t.api("posts", page=page["id"], order="asc", limit=100)["items"]]
        t.open(f"#/?page={quote(page['id'])}", "timeline")
        equal(t.post_ids(), expected, f"posts of page {page['id']}")
        equal(t.js("document.getElementById('f-page').value"), page["id"], "page select shows the filter")
    day = next(p["day"] for p in t.first_posts if p["day"])
    expected = [p["id"] for p in t.api("posts", since=day, until=day, order="asc", limit=100)["items"]]
    t.open(f"#/?since={day}&until={day}", "timeline")
    equal(t.post_ids(), expected, f"posts of {day}")
    equal(t.js("document.getElementById('f-since').value"), day, "since input shows the filter")
    if t.has_entities:
        top = t.api("entities", sort="mentions", limit=1)["items"][0]
        expected = [p["id"] for p in t.api("posts", entity=top["id"], order="asc", limit=100)["items"]]
        t.open(f"#/?entity={quote(top['id'])}", "timeline")
        equal(t.post_ids(), expected, f"posts mentioning {top['id']}")
    t.open("#/?since=1900-01-01&until=1900-01-02", "timeline")
    expect("No posts match" in t.js("document.querySelector('main').innerText"), "an empty filter says so")


@check("timeline filter controls update the URL and the list")
def timeline_controls(t):
    page = t.api("pages")["items"][-1]
    t.open("#/", "timeline")
    t.act(f"(() => {{ const s = document.getElementById('f-page'); s.focus(); s.value = {json.dumps(page['id'])};"
         " s.dispatchEvent(new Event('change', {bubbles: true})); })()")
    t.page.wait_for(f"location.hash.includes({json.dumps('page=' + quote(page['id'], safe=''))})", what="page filter in the URL")
    t.settle("timeline")
    expected = [p["id"] for p in t.api("posts", page=page["id"], order="asc", limit=100)["items"]]
    equal(t.post_ids(), expected, "posts after choosing a page")
    equal(t.js("document.activeElement && document.activeElement.id"), "f-page", "focus stays on the filter")
    t.act("(() => { const s = document.getElementById('f-order'); s.value = 'desc'; s.dispatchEvent(new Event('change', {bubbles: true})); })()")
    t.page.wait_for("location.hash.includes('order=desc')", what="order in the URL")
    t.settle("timeline")
    expected = [p["id"] for p in t.api("posts", page=page["id"], order="desc", limit=100)["items"]]
    equal(t.post_ids(), expected, "posts newest first")


# Post, entity, search, pages

def richest_post(t):
    """The post with the most to show: images, entities, quotes and contributors."""
    def score(p):
        return (p["image_count"] > 0) * 4 + (len(p["entities"]) > 0) * 2 + (p["byline"] is not None)
    return max(t.first_posts, key=score)


@check("post view shows paragraphs, images with caption and credit, pages, sources, entities, quotes")
def post_view(t):
    summary = richest_post(t)
    post = t.api(f"posts/{quote(summary['id'])}")
    t.open(f"#/post/{quote(post['id'])}", "post")
    if post["headline"]:
        equal(t.texts("main h1")[0], post["headline"], "headline")
    equal(t.texts("main .body p"), [p.strip() for p in post["body"]], "paragraphs")
    captions = t.texts("main figure.image figcaption")
    equal(len(captions), len(post["images"]), "images")
    for image, text in zip(post["images"], captions):
        if image["caption"]:
            expect(image["caption"].strip() in text, f"caption {image['caption']!r} in {text!r}")
        if image["credit"]:
            expect(image["credit"].strip() in text, f"credit {image['credit']!r} in {text!r}")
    page = t.js("document.querySelector('main').innerText")
    for src in post["sources"]:
        expect(src["path"] in page, f"source file {src['path']} shown")
    equal(t.js("[...document.querySelectorAll('main aside a[href^=\"#/page/\"]')].length"), len(post["pages"]), "page links")
    for name in post["contributors"]:
        expect(name in page, f"contributor {name} shown")
    equal(len(t.texts("main aside .chips a")), len(post["entities"]), "entity chips")
    equal(len(t.texts("main .quotes blockquote")), len(post["quotes"]), "quotes")
    t.shot("post")


@check("entity view shows names, chart, related entities, quotes and posts (or a note when unavailable)")
def entity_view(t):
    if not t.has_entities:
        t.open("#/entity/anyone", "entity")
        expect("not available" in t.js("document.querySelector('main').innerText"), "a note says entities are not available")
        t.shot("entity")
        return
    top = t.api("entities", sort="mentions", limit=1)["items"][0]
    entity = t.api(f"entities/{quote(top['id'])}")
    t.open(f"#/entity/{quote(top['id'])}", "entity")
    expect(t.texts("main h1")[0].startswith(entity["name"]), "name in the heading")
    facts = t.js("document.querySelector('main dl.facts').innerText")
    for word in entity["aliases"] + entity["titles"]:
        expect(word in facts, f"alias or title {word!r} shown")
    buckets = t.api(f"entities/{quote(top['id'])}/timeline", granularity="day")["items"]
    bars = t.js("[...document.querySelectorAll('main figure.chart rect.bar')].map(r => [r.dataset.key, +r.dataset.count])")
    equal(bars, [[b["key"], b["count"]] for b in buckets], "chart bars")
    equal(len(t.texts("main ul[aria-label='Related entities'] a")), len(entity["related"]), "related entities")
    quotes = t.api(f"entities/{quote(top['id'])}/quotes", limit=50)["items"]
    equal(len(t.texts("main .quotes blockquote")), len(quotes), "quotes")
    posts = t.api(f"entities/{quote(top['id'])}/posts", limit=50)["items"]
    equal(t.post_ids(), [p["id"] for p in posts], "posts")
    t.shot("entity")
    t.open("#/entities", "entities")
    equal(len(t.texts("main table.entities tbody tr")), min(100, t.stats["entities"]), "entity index rows")
    t.shot("entities")


def search_word(t):
    """A word that occurs in the corpus: the longest word of the first headline."""
    headline = next(p["headline"] for p in t.first_posts if p["headline"])
    return max(re.findall(r"[A-Za-z]{4,}", headline), key=len)


@check("search from the URL shows highlighted snippets")
def search_url(t):
    word = search_word(t)
    hits = t.api("search", q=word, limit=20)["items"]
    expect(hits, f"the API finds {word!r}")
    t.open(f"#/search?q={quote(word)}", "search")
    t.page.wait_for("!!document.querySelector('main .hits')", what="search results")
    equal(t.post_ids(), [h["id"] for h in hits], "hits")
    marks = t.texts("main .snippet mark")
    expect(marks and all(m.lower().startswith(word.lower()[:4]) for m in marks), f"marks highlight {word!r}: {marks[:5]}")
    equal(t.js("document.getElementById('search-q').value"), word, "query in the box")
    equal(t.js("[...document.querySelectorAll('main .snippet *')].filter(e => e.tagName !== 'MARK').length"), 0,
          "snippets hold only text and <mark>")
    t.shot("search")


@check("search as you type updates the URL and the results")
def search_typing(t):
    word = search_word(t)
    t.open("#/search", "search")
    t.js("document.getElementById('search-q').focus()")
    before = t.js("history.length")
    for ch in word:
        t.page.call("Input.insertText", text=ch)
    t.page.wait_for(f"location.hash === {json.dumps('#/search?q=' + quote(word))}", what="the query in the URL")
    t.page.wait_for("!!document.querySelector('main .hits')", what="results after typing")
    hits = t.api("search", q=word, limit=20)["items"]
    equal(t.post_ids(), [h["id"] for h in hits], "hits after typing")
    equal(t.js("history.length"), before, "typing replaces the history entry instead of adding one per key")


@check("pages view shows every page with summary bullets and declared vs found counts")
def pages_view(t):
    pages = t.api("pages")["items"]
    t.open("#/pages", "pages")
    equal(t.js("[...document.querySelectorAll('main .page-card')].map(e => e.dataset.page)"), [p["id"] for p in pages], "pages")
    for page in pages:
        card = t.js(f"document.querySelector('main .page-card[data-page=\"{page['id']}\"]').innerText")
        for bullet in page["summary"]:
            expect(bullet in card, f"summary bullet of {page['id']}")
        if page["declared_posts"] is not None:
            expect(f"Declared {page['declared_posts']} post" in card and f"found {page['post_count']}" in card,
                   f"declared vs found for {page['id']}: {card[:300]!r}")
        else:
            expect(f"Found {page['post_count']} post" in card, f"found count for {page['id']}")
    t.shot("pages")
    page = pages[0]
    t.open(f"#/page/{quote(page['id'])}", "page")
    equal(t.post_ids(), [p["id"] for p in t.api(f"pages/{quote(page['id'])}/posts", limit=100)["items"]], "posts in page order")


# Navigation, keyboard, layouts

@check("links, back and forward move between views")
def history(t):
    t.open("#/", "timeline")
    first = t.first_posts[0]["id"]
    t.act(f"document.querySelector('main [data-post=\"{first}\"] h3 a').click()")
    t.settle("post")
    equal(t.js("location.hash"), f"#/post/{first}", "post URL")
    equal(t.js("document.activeElement.tagName"), "H1", "focus moves to the new heading")
    t.act("document.querySelector('nav a[href=\"#/pages\"]').click()")
    t.settle("pages")
    t.act("history.back()")
    t.settle("post")
    equal(t.js("document.querySelector('main [data-post]').dataset.post"), first, "back shows the post again")
    t.act("history.back()")
    t.settle("timeline")
    t.act("history.forward()")
    t.settle("post")
    t.open("#/nowhere", "nowhere")
    expect("There is no view at this address" in t.js("document.querySelector('main').innerText"), "unknown route message")


@check("keyboard: the skip link comes first and moves focus to the content")
def keyboard(t):
    t.open("#/", "timeline")
    t.page.call("Input.dispatchKeyEvent", type="keyDown", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    t.page.call("Input.dispatchKeyEvent", type="keyUp", key="Tab", code="Tab", windowsVirtualKeyCode=9)
    equal(t.js("document.activeElement.id"), "skip-link", "first Tab stop")
    expect(t.js("document.activeElement.getBoundingClientRect().top >= 0"), "the skip link is visible when focused")
    t.page.call("Input.dispatchKeyEvent", type="keyDown", key="Enter", code="Enter", windowsVirtualKeyCode=13, text="\r")
    t.page.call("Input.dispatchKeyEvent", type="keyUp", key="Enter", code="Enter", windowsVirtualKeyCode=13)
    equal(t.js("document.activeElement.id"), "main", "focus after the skip link")
    equal(t.js("location.hash"), "#/", "the skip link leaves the route alone")
    outline = t.js("(() => { const a = document.querySelector('main .post a'); a.focus(); return getComputedStyle(a).outlineStyle; })()")
    expect(outline not in ("none", ""), f"focused links show an outline, got {outline!r}")


@check("phone width: no horizontal scrolling; screenshots")
def phone(t):
    t.page.call("Emulation.setDeviceMetricsOverride", width=390, height=844, deviceScaleFactor=1, mobile=True)
    try:
        for route, view, name in (("#/", "timeline", "timeline-phone"), (f"#/post/{quote(richest_post(t)['id'])}", "post", "post-phone"),
                                  ("#/pages", "pages", "pages-phone")):
            t.open(route, view)
            width = t.js("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            expect(width[0] <= width[1], f"{view}: content {width[0]} px wide in a {width[1]} px viewport")
            t.shot(name, max_height=1600)
    finally:
        t.page.call("Emulation.clearDeviceMetricsOverride")


@check("dark colour scheme follows the system preference")
def dark(t):
    t.open("#/", "timeline")
    light = t.js("getComputedStyle(document.body).backgroundColor")
    t.page.call("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark"}])
    try:
        t.open("#/", "timeline")
        dark_bg = t.js("getComputedStyle(document.body).backgroundColor")
        expect(dark_bg != light, f"background changes in dark mode ({light} → {dark_bg})")
        t.shot("timeline-dark")
        t.open(f"#/post/{quote(richest_post(t)['id'])}", "post")
        t.shot("post-dark")
    finally:
        t.page.call("Emulation.setEmulatedMedia", features=[])


# Failures: each of these expects network errors in the console, so they run last.

EXPECTS_NETWORK_ERRORS = set()


def failing(name):
    def register(fn):
        EXPECTS_NETWORK_ERRORS.add(name)
        return check(name)(fn)
    return register


def intercept(t, answer):
    """Answers every /api/ request with answer(url) → (status, content_type, body) or None (fail the request)."""
    import base64

    def paused(params):
        url = params["request"]["url"]
        reply = answer(url)
        if reply is None:
            t.page.send("Fetch.continueRequest", requestId=params["requestId"])
        elif reply == "fail":
            t.page.send("Fetch.failRequest", requestId=params["requestId"], errorReason="ConnectionRefused")
        else:
            status, kind, body = reply
            t.page.send("Fetch.fulfillRequest", requestId=params["requestId"], responseCode=status,
                        responseHeaders=[{"name": "Content-Type", "value": kind}],
                        body=base64.b64encode(body.encode()).decode())
    t.page.handlers["Fetch.requestPaused"] = paused
    t.page.call("Fetch.enable", patterns=[{"urlPattern": "*/api/*"}])


def stop_intercepting(t):
    t.page.call("Fetch.disable")
    t.page.handlers.pop("Fetch.requestPaused", None)


@failing("a missing post shows a readable message")
def missing_post(t):
    t.open("#/post/no-such-post-000", "post", state="error")
    text = t.alert_text()
    expect("no-such-post-000" in text or "Not Found" in text or "not found" in text.lower(), f"message: {text!r}")


@failing("a search the server rejects (400) explains why")
def bad_search(t):
    t.open("#/search?q=%22unbalanced", "search")
    text = t.page.wait_for("document.querySelector('main .results [role=alert]')?.innerText", what="a message for a bad query")
    expect(text.startswith("The search could not run"), f"message: {text!r}")


@failing("a broken or failing API shows a readable message, never a blank page")
def broken_api(t):
    cases = {
        "server error (HTML)": lambda url: (500, "text/html", "<html><body>Internal Server Error</body></html>"),
        "not JSON": lambda url: (200, "text/html", "<html>surprise</html>"),
        "problem+json": lambda url: (503, "application/problem+json",
                                     json.dumps({"type": "about:blank", "title": "Service Unavailable", "status": 503, "detail": "The database is being rebuilt."})),
        "unreachable": lambda url: "fail",
        "wrong shape": lambda url: (200, "application/json", "{\"things\": 1}"),
    }
    for label, answer in cases.items():
        intercept(t, answer)
        try:
            t.open("#/", "timeline", state="error")
            text = t.alert_text()
            expect(len(text) > 20, f"{label}: readable message, got {text!r}")
            expect(t.js("!!document.querySelector('main [role=alert] button')"), f"{label}: a retry button")
            if label == "problem+json":
                expect("The database is being rebuilt." in text, f"{label}: the server's detail is shown: {text!r}")
                t.shot("error")
        finally:
            stop_intercepting(t)
    t.act("document.querySelector('main [role=alert] button').click()")
    t.settle("timeline")


@failing("without entity routes the page hides entity parts and explains entity links")
def no_entities(t):
    stats = dict(t.stats)
    stats.pop("entities", None)

    def answer(url):
        path = url.split("/api/", 1)[1]
        if path.startswith("stats"):
            return 200, "application/json", json.dumps(stats)
        if path.startswith("entities") or path.startswith("quotes"):
            return 404, "application/problem+json", json.dumps({"type": "about:blank", "title": "Not Found", "status": 404, "detail": "no route"})
        return None
    intercept(t, answer)
    try:
        t.open("#/", "timeline")
        expect(not t.js("!!document.getElementById('f-entity')"), "no entity filter")
        expect(t.js("document.querySelector('[data-needs=entities]').hidden"), "no Entities link in the menu")
        equal(t.post_ids(), [p["id"] for p in t.first_posts], "posts still listed")
        t.open("#/entity/someone", "entity")
        expect("not available" in t.js("document.querySelector('main').innerText"), "entity link explains")
        t.shot("entity-unavailable")
    finally:
        stop_intercepting(t)


def console_problems(events, allow_network):
    problems = []
    for e in events:
        method, params = e.get("method"), e.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            problems.append(f"exception: {d.get('exception', {}).get('description') or d.get('text')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert", "warning"):
            problems.append(f"console.{params['type']}: {[a.get('value', a.get('description')) for a in params.get('args', [])]}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            if not (allow_network and params["entry"].get("source") == "network"):
                problems.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
    return problems


def main():
    parser = argparse.ArgumentParser(description="Browser tests for Public/")
    parser.add_argument("--base", required=True, help="server URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--public", default=os.path.join(os.path.dirname(__file__), "..", "..", "Public"))
    parser.add_argument("--artifacts", default=os.path.join(os.path.dirname(__file__), "..", "..", ".ci", "artifacts"))
    parser.add_argument("--only", help="run only checks whose name contains this text")
    args = parser.parse_args()
    os.makedirs(args.artifacts, exist_ok=True)
    started = time.monotonic()
    browser = Browser()
    failures = 0
    try:
        page = browser.page
        for domain in ("Page", "Runtime", "Log"):
            page.call(f"{domain}.enable")
        suite = Suite(page, args.base, args.public, args.artifacts)
        print(f"# server {args.base}: {suite.stats.get('posts')} posts, {suite.stats.get('pages')} pages, "
              f"entities {'available' if suite.has_entities else 'not available'}")
        selected = [(n, f) for n, f in CHECKS if not args.only or args.only in n]
        for number, (name, fn) in enumerate(selected, 1):
            mark = len(page.events)
            began = time.monotonic()
            try:
                fn(suite)
                page.pump(0.05)
                problems = console_problems(page.events[mark:], allow_network=name in EXPECTS_NETWORK_ERRORS)
                expect(not problems, "console: " + "; ".join(problems[:5]))
                print(f"ok {number} - {name} ({time.monotonic() - began:.1f} s)")
            except (Failure, CDPError, urllib.error.URLError, KeyError, StopIteration) as error:
                failures += 1
                print(f"not ok {number} - {name}\n#   {type(error).__name__}: {error}")
                if not isinstance(error, Failure):
                    print("#   " + traceback.format_exc().strip().replace("\n", "\n#   "))
                try:
                    suite.shot(f"failed-{number}")
                except CDPError:
                    pass
        print(f"# {len(selected) - failures} of {len(selected)} checks passed in {time.monotonic() - started:.1f} s; "
              f"screenshots in {os.path.abspath(args.artifacts)}")
    finally:
        browser.close()
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
