"""Time sanitising and screening: a 2 KB comment, a 100 KB hostile text, and a set of hostile inputs
at the length limit.

Run: .venv/bin/python bench/screening.py   (no database needed)
Screening is what posting does after sanitising: read the visible text of the
stored HTML, then the rules and the trained model. Reports the median CPU time
over repeated runs (of the quietest batch), the growth from 2 KB to 100 KB,
sanitising and screening each hostile input together (the slowest is the figure that
counts), and the memory of a process with the model loaded.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from forum.sanitize import render_comment  # noqa: E402
from moderation.screening.model import trained  # noqa: E402
from moderation.screening.verdict import Policy, screen  # noqa: E402
from moderation.screening.visible import visible_text  # noqa: E402

PARAGRAPH = (
    "I have had fibromyalgia for eleven years and I read everything about glutamate I can find. "
    "My rheumatologist says the <b>imaging studies</b> are interesting but small, and that diet is "
    "not a simple lever. For me, pacing and warm water exercise helped more than any supplement; "
    "see https://www.cochranelibrary.com for the review. Has anyone else tried a sleep study?\n\n"
)
COMMENT_2KB = (PARAGRAPH * 8)[:2048]
# Hostile: look-alike letters, entities, spelled-out words, zero-width characters,
# many near-miss claim fragments and unclosed markup, 100 KB in all.
HOSTILE_UNIT = (
    "а.v.o.i.d g l u t a m a t e &#97;&#116; a\u200bll costs <b><i><a href='javascript:x'>"
    "stop taking your ... cures? causes? cancer cancer cancer 5000 mg daily ЅТОР "
)
HOSTILE_100KB = (HOSTILE_UNIT * (100_000 // len(HOSTILE_UNIT) + 1))[:100_000]
HOSTILE_2KB = HOSTILE_100KB[:2048]
# Hostile inputs at the comment length limit (10,000 characters): nested and unclosed
# markup, thousands of addresses, blank lines, entities, one endless word, repeated
# claim words. Sanitising and screening each together must stay cheap.
LIMIT = 10_000
HOSTILE_SET = {name: (unit * (LIMIT // len(unit) + 1))[:LIMIT] for name, unit in {
    "<b> x 3,333 (nested, unclosed)": "<b>",
    "<i><b> x 1,666": "<i><b>",
    "<i><b><strike><a href> x 400": "<i><b><strike><a href='http://x.co'>",
    "a.co x 2,000 (bare addresses)": "a.co ",
    "https://a.co/ x 700": "https://a.co/ ",
    "www.a.com x 1,000": "www.a.com ",
    "closed links x 350": "<a href='https://a.co/'>x</a> ",
    "PubMed links x 250": "https://pubmed.ncbi.nlm.nih.gov/123456/ ",
    "e-mail addresses x 1,400": "a@b.co ",
    "@ x 3,000": "a@b ",
    "a.b x 3,000": "a.b",
    "e.g. x 2,000": "e.g. ",
    "blank lines": "\n",
    "blank lines with spaces": " \n",
    "x and a blank line x 3,333": "x\n\n",
    "x and a line break x 5,000": "x\n",
    "one 10,000-letter word": "a",
    "dots": ".",
    "brackets": "(",
    "&amp; x 2,000": "&amp;",
    "&nbsp; x 1,666": "&nbsp;",
    "cure cancer x 833": "cure cancer ",
    "CURE x 2,000": "CURE ",
    "stop taking your lithium x 333": "stop taking your lithium now. ",
    "5000 mg x 1,250": "5000 mg ",
    "look-alikes and spelling tricks": HOSTILE_UNIT,
}.items()}


def median_ms(function, text, repeat, batches=5):
    """The median CPU time of the quietest of several batches of runs.

    CPU time is steadier than wall time, but on a shared virtual machine other
    tenants still slow whole stretches of runs down; the quietest batch's
    median is the code's own cost, and it repeats from run to run.
    """
    medians = []
    for _ in range(batches):
        timings = []
        for _ in range(max(1, repeat // batches)):
            started = time.process_time()
            function(text)
            timings.append((time.process_time() - started) * 1000)
        medians.append(statistics.median(timings))
    return min(medians)


def main():
    policy = Policy()
    model = trained()
    stored = {text: render_comment(text) for text in (COMMENT_2KB, HOSTILE_2KB, HOSTILE_100KB)}

    def run_screen(text):
        return screen(visible_text(stored[text], text), policy=policy, model=model)

    def rules_only(text):
        return screen(visible_text(stored[text], text), policy=policy)

    for function in (render_comment, run_screen):  # warm caches
        function(COMMENT_2KB)
    print(f"sanitise 2 KB comment        median {median_ms(render_comment, COMMENT_2KB, 300):7.3f} ms")
    print(f"screen   2 KB, rules only    median {median_ms(rules_only, COMMENT_2KB, 300):7.3f} ms")
    print(f"screen   2 KB, rules + model median {median_ms(run_screen, COMMENT_2KB, 300):7.3f} ms   "
          "(target <= 5 ms)")
    hostile_2kb = median_ms(run_screen, HOSTILE_2KB, 300)
    screen_100kb = median_ms(run_screen, HOSTILE_100KB, 25)
    print(f"screen   2 KB hostile text   median {hostile_2kb:7.3f} ms")
    print(f"screen 100 KB hostile text   median {screen_100kb:7.1f} ms   (target <= 100 ms)")
    print(f"growth 2 KB -> 100 KB hostile {screen_100kb / hostile_2kb:5.1f}x for "
          f"{len(HOSTILE_100KB) / len(HOSTILE_2KB):.1f}x the text")
    def sanitise_and_screen(text):
        return screen(visible_text(render_comment(text), text), policy=policy, model=model)

    costs = {name: median_ms(sanitise_and_screen, text, 15) for name, text in HOSTILE_SET.items()}
    for name, cost in costs.items():
        print(f"sanitise + screen, {name:<32} {cost:6.1f} ms")
    slowest = max(costs, key=costs.get)
    print(f"slowest hostile input at {LIMIT:,} characters: {slowest}, {costs[slowest]:.1f} ms   (target <= 20 ms)")
    # ru_maxrss is in kilobytes on Linux.
    print(f"process memory, model loaded: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB "
          f"peak resident ({len(model.index)} features)")


if __name__ == "__main__":
    main()
