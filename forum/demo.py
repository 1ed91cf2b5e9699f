"""Demo content for development: topics, three articles, members and a long thread.

Everything here was written for this project. Running seed_demo twice changes
nothing: each object is looked up by its slug or e-mail address first.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone as dt_timezone

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.services import ensure_member
from forum import services
from forum.models import Article, Category, Comment, Reference
from moderation import services as moderation
from moderation.models import Report, WatchedPhrase


@dataclass(frozen=True)
class Login:
    role: str
    email: str
    password: str


MEMBER_PASSWORD = "demo-member-pass"
MEMBERS = [
    ("ruth@example.org", "Ruth A."),
    ("tomas@example.org", "Tomás"),
    ("lena@example.org", "Lena Park"),
    ("sam@example.org", "SamW"),
    ("grace@example.org", "Grace"),
    ("deji@example.org", "Deji O."),
]
MODERATOR = ("moderator@example.org", "Mod Maya", "demo-moderator-pass")
EDITOR = ("editor@example.org", "Editor Ed", "demo-editor-pass")

CATEGORIES = [
    # (slug, name, parent slug, description)
    ("health", "Health", None, "Articles and discussion about living with long-term conditions."),
    ("fibromyalgia-chronic-fatigue", "Fibromyalgia & Chronic Fatigue", "health",
     "Research news, explainers and member discussion about fibromyalgia (FMS) and ME/CFS."),
    ("sleep", "Sleep", "health", "How sleep works, why it goes wrong, and what helps."),
    ("nutrition-supplements", "Nutrition & Supplements", "health",
     "Food, supplements and how to read the claims made about them."),
]

GLUTAMATE_BODY = """
<p>For years, research on fibromyalgia (FMS) has circled around the brain's chemical messengers.
Serotonin and norepinephrine get most of the attention, usually because they seem to run low.
A small imaging study points at a messenger that may run high instead: glutamate.</p>

<h2>What glutamate does</h2>
<p>Glutamate is the brain's main "go" signal. When it passes from one nerve cell to the next, it
makes the receiving cell more likely to fire. That is essential for learning and memory, but in a
region that handles pain, more excitation could mean pain signals are turned up.</p>

<h2>What the researchers measured</h2>
<p>The team used proton magnetic resonance spectroscopy, a kind of MRI scan that estimates the
amount of certain chemicals in a small patch of brain. They looked at the <i>insula</i>, an area
that weighs up sensations from the body, in women with fibromyalgia and in healthy volunteers.</p>
<ul>
  <li>People with FMS had more glutamate in the insula than the volunteers.</li>
  <li>Those with higher glutamate tended to feel pain at lower pressures.</li>
  <li>The study was small, so the result needs repeating in larger groups.</li>
</ul>

<h2>What it does not tell us</h2>
<p>A scan finding is not a treatment. The study cannot say whether high glutamate causes the
pain, follows from it, or simply travels with it. Nor does it say anything about glutamate in
food: the amount in the brain is tightly controlled and is not a simple reflection of diet.</p>
<blockquote>If a test like this holds up, it could one day help measure how severe someone's
fibromyalgia is, and whether a treatment is working.</blockquote>

<h2>Over to you</h2>
<p>Would a biological marker change how your doctor, your employer or your family see your
condition? Have you been told anything about glutamate by a clinician? Share your experience
below, and please say where a claim comes from when you make one.</p>
"""

SLEEP_BODY = """
<p>Many people with fibromyalgia say the same thing: "I slept eight hours and woke up feeling as
if I hadn't slept at all." That is not imagination. Sleep studies have found real differences in
how sleep is built across the night.</p>

<h2>Sleep has a structure</h2>
<p>A night's sleep moves through light sleep, deep (slow-wave) sleep and dream (REM) sleep several
times. Deep sleep is when the body does much of its repair work, and it is the stage most often
interrupted in people with FMS.</p>

<h2>Pain and sleep feed each other</h2>
<p>Poor sleep lowers the threshold at which pressure starts to hurt, even in healthy volunteers
kept awake in a laboratory. More pain in turn makes sleep lighter and more broken. Researchers
describe this as a two-way street rather than a simple cause and effect.</p>

<h2>Things worth discussing with your doctor</h2>
<ul>
  <li>Whether a sleep study is worthwhile, to rule out sleep apnoea or restless legs.</li>
  <li>Regular sleep and wake times, even at weekends.</li>
  <li>Whether any of your current medicines affect sleep.</li>
</ul>
<p>None of these is a cure, and what helps one person may do nothing for another.</p>
"""

EXERCISE_BODY = """
<p>"Exercise" can sound like cruel advice to someone whose muscles already ache. Yet the trials
that have looked at gentle, gradually increased activity for fibromyalgia keep finding modest
benefits. The key words are <b>gentle</b> and <b>gradual</b>.</p>

<h2>What the trials compared</h2>
<p>Most studies compared people who did supervised aerobic exercise, such as walking, cycling or
exercise in warm water, two or three times a week for several weeks, with people who carried on
as usual.</p>

<h2>What they found</h2>
<ul>
  <li>On average, pain and physical function improved a little in the exercise groups.</li>
  <li>Few people were harmed, though some dropped out, often because of flares.</li>
  <li>The quality of the evidence was judged low to moderate: many trials were small.</li>
</ul>

<h2>Starting low, going slow</h2>
<p>Physiotherapists often suggest starting well below what you think you can do and increasing by
small steps. A flare after a session is a signal to step back, not a failure.</p>
"""

SUPPLEMENT_BODY = """
<p>Supplement labels are allowed to say a great deal without proving very much. A few habits
make it easier to tell a marketing claim from an established finding.</p>

<h2>Three questions to ask</h2>
<ol>
  <li>Is there a named study, and was it done in people rather than in cells or animals?</li>
  <li>Was the result compared with a placebo?</li>
  <li>Who paid for the research?</li>
</ol>

<h2>Words that should make you cautious</h2>
<p>"Miracle", "detox", "clinically proven" without a reference, and "what doctors don't want you
to know" are all signs that a product is being sold rather than explained.</p>
<p>Always tell your doctor and pharmacist about supplements you take: some interact with
prescription medicines.</p>
"""

ARTICLES = [
    {
        "slug": "glutamate-and-the-fibromyalgia-brain",
        "title": "Glutamate and the Fibromyalgia Brain: What a Small Imaging Study Found",
        "category": "fibromyalgia-chronic-fatigue",
        "byline": "Mara Ellison",
        "published_at": datetime(2025, 3, 18, 9, 30, tzinfo=dt_timezone.utc),
        "summary": "A brain scan study found more of the 'go' signal glutamate in a pain-processing "
                   "region of people with fibromyalgia. Here is what that does and doesn't mean.",
        "body": GLUTAMATE_BODY,
        "comments_open": True,
        "references": [
            ("Harris RE, Sundgren PC, Craig AD, et al. Elevated insular glutamate in fibromyalgia is "
             "associated with experimental pain. Arthritis & Rheumatism. 2009;60(10):3146-3152.",
             "10.1002/art.24849", ""),
        ],
    },
    {
        "slug": "why-sleep-does-not-always-restore",
        "title": "Why Sleep Doesn't Always Restore: Sleep and Fibromyalgia",
        "category": "sleep",
        "byline": "Mara Ellison",
        "published_at": datetime(2025, 6, 2, 8, 0, tzinfo=dt_timezone.utc),
        "summary": "Unrefreshing sleep is one of the most common complaints in fibromyalgia. "
                   "Sleep studies show why, and why pain and sleep feed each other.",
        "body": SLEEP_BODY,
        "comments_open": True,
        "references": [
            ("Choy EHS. The role of sleep in pain and fibromyalgia. Nature Reviews Rheumatology. "
             "2015;11(9):513-520.", "10.1038/nrrheum.2015.56", ""),
        ],
    },
    {
        "slug": "moving-gently-exercise-and-fibromyalgia",
        "title": "Moving Gently: What Trials Say About Exercise for Fibromyalgia",
        "category": "fibromyalgia-chronic-fatigue",
        "byline": "Jonah Whitcombe",
        "published_at": datetime(2025, 9, 14, 7, 45, tzinfo=dt_timezone.utc),
        "summary": "Gentle, gradually increased activity shows modest benefits in trials. "
                   "What the evidence says and how people start.",
        "body": EXERCISE_BODY,
        "comments_open": True,
        "references": [
            ("Bidonde J, Busch AJ, Schachter CL, et al. Aerobic exercise training for adults with "
             "fibromyalgia. Cochrane Database of Systematic Reviews. 2017;(6):CD012700.",
             "10.1002/14651858.CD012700", ""),
        ],
    },
    {
        "slug": "reading-supplement-labels",
        "title": "Reading Supplement Labels: Claims Versus Evidence",
        "category": "nutrition-supplements",
        "byline": "Jonah Whitcombe",
        "published_at": datetime(2024, 11, 5, 12, 0, tzinfo=dt_timezone.utc),
        "summary": "Three questions that help tell a marketing claim from an established finding. "
                   "Comments on this article are closed.",
        "body": SUPPLEMENT_BODY,
        "comments_open": False,
        "references": [
            ("Office of Dietary Supplements, US National Institutes of Health. Dietary supplement "
             "fact sheets.", "", "https://ods.od.nih.gov/factsheets/list-all/"),
        ],
    },
]

# The long thread on the glutamate article: (key, parent key, member index, text).
# Keys let replies name their parent; "deep" runs to the maximum depth of 5.
GLUTAMATE_THREAD = [
    ("a", None, 0, "I had no idea glutamate could be measured in a living brain. Even a small study "
                   "like this feels like a step towards being taken seriously."),
    ("b", "a", 1, "Same here. I've spent years being told my tests are normal. A number on a scan "
                  "would mean a lot, even if it's years away."),
    ("c", "b", 0, "Exactly. My GP is kind, but I can see the doubt sometimes."),
    ("d", "c", 2, "Have you tried bringing printed research to appointments? My rheumatologist "
                  "was much more open once I did that."),
    ("e", "d", 1, "That's a good idea. Did you bring the whole paper or just a summary?"),
    ("f", "e", 2, "Just the abstract and the reference. Doctors are busy, and one page is easier "
                  "to read in a ten-minute slot."),
    ("g", None, 3, "Genuine question: does this mean I should cut MSG out of my diet? My aunt "
                   "swears it makes her pain worse."),
    ("h", "g", 4, "The article says the brain keeps its glutamate level under tight control, so "
                  "food isn't a simple lever. I'd ask a dietitian before cutting things out."),
    ("i", "g", 5, "For me, cutting out takeaway food made no difference at all to my pain. "
                  "Everyone is different though."),
    ("j", "h", 3, "Thanks, that makes sense. I'll mention it at my next appointment rather than "
                  "guess."),
    ("k", None, 2, "The study only looked at women. I wonder whether the same holds for men with "
                   "FMS, who are often overlooked."),
    ("l", "k", 5, "Good point. I'm one of those men and I rarely see research that includes us."),
    ("m", "l", 2, "It would be worth checking whether later studies widened the group. Anyone "
                  "found one?"),
    ("n", None, 4, "Acupuncture comes up in a lot of these imaging studies. Has anyone here tried "
                   "it? I'm curious but sceptical."),
    ("o", "n", 0, "I tried six sessions. The sessions themselves were relaxing, but I can't say "
                  "my pain changed much afterwards."),
    ("p", "n", 1, "It helped my sleep a little, which helped everything else. Could have been the "
                  "hour of lying still, honestly."),
    ("q", "p", 4, "That's a fair way to put it. Rest counts for something."),
    ("r", "q", 3, "Agreed. Half of my good days come from simply pacing myself better."),
    ("s", "r", 0, "Pacing is the hardest skill I've had to learn. I still overdo it on good days."),
    ("t", "s", 5, "Same. The boom and bust cycle is real. A step counter helped me see it."),
    ("u", "t", 1, "I use a step counter too. Seeing the numbers stopped me arguing with myself."),
    ("v", None, 5, "I'd love to see this compared with other chronic pain conditions. Is high "
                   "glutamate specific to FMS or common to pain in general?"),
    ("w", "v", 2, "That's the key question for me too. If it's common to chronic pain, it's less "
                  "of a marker and more of a mechanism."),
    ("x", None, 0, "Please remember this is one small study. I've been burned by hopeful headlines "
                   "before."),
    ("y", "x", 4, "Yes, it says so in the article itself. Good to have it spelled out, though."),
    ("z", "x", 3, "Small studies are how every bigger study starts. Cautious hope is fine."),
    ("aa", None, 1, "Someone told me to avoid glutamate at all costs because it's the root cause of "
                    "fibromyalgia. Is there anything behind that?"),
    ("ab", "aa", 2, "Not from this article. It found more glutamate in one brain area; it didn't "
                    "test diets or show a cause."),
    ("ac", "aa", 5, "I'd be wary of anyone saying 'at all costs' about food without a source."),
    ("ad", None, 3, "Does anyone know whether a test like this would ever be covered by insurance? "
                    "MRI time is expensive."),
    ("ae", "ad", 4, "Probably not for a long time. It would need to be validated and standardised "
                    "first."),
    ("af", None, 4, "My neurologist mentioned glutamate when we discussed my medication, but only "
                    "in passing. I'll ask more next time."),
    ("ag", "af", 0, "Write your questions down beforehand. I always forget half of mine in the "
                    "room."),
    ("ah", "ag", 4, "Good tip, thank you. I'll keep a note on my phone."),
    ("ai", None, 5, "The line about the insula 'weighing up sensations' finally helped me "
                    "understand why everything feels louder on bad days."),
    ("aj", "ai", 1, "Louder is exactly the word. Sounds, lights, touch, all of it."),
    ("ak", "aj", 3, "Sensory overload is one of my worst symptoms and hardly anyone talks "
                    "about it."),
    ("al", "ak", 2, "There's a discussion about it in the forum, if you want company."),
    ("am", "al", 0, "Thanks, I'll look for it."),
    ("an", "am", 5, "Joining that discussion too. Glad it's not just me."),
    ("ao", None, 2, "Thank you for explaining the limits as well as the findings. It makes the "
                    "article more trustworthy, not less."),
    ("ap", "ao", 1, "Seconded. I share articles like this with my family when they're written "
                    "this carefully."),
    ("aq", None, 0, "Reading this again a few months later: has there been any follow-up from the "
                    "same team?"),
    ("ar", "aq", 3, "Not that I've found yet. I'll post here if I do."),
]

SLEEP_THREAD = [
    ("a", None, 2, "\"I slept eight hours and feel like I didn't sleep\" is word for word what "
                   "I told my doctor last month."),
    ("b", "a", 4, "Did your doctor suggest a sleep study? Mine found mild apnoea that nobody "
                  "had suspected."),
    ("c", None, 1, "Regular wake times helped me more than anything I took. Boring but true."),
    # A claim, screened as every comment is: published with the label, and a case for the moderator.
    ("d", None, 3, "Magnesium cures the broken sleep of fibromyalgia. Everyone with FMS should take it "
                   "every night."),
]

EXERCISE_THREAD = [
    ("a", None, 3, "Warm water exercise is the only kind I can manage. The pool near me runs a "
                   "gentle class twice a week."),
    ("b", "a", 5, "Lucky you. I'd love to find one nearby. Any tips on what to ask for?"),
]


# How many members say a comment helped them, so "most helpful first" has an order to show. SamW
# (members[3], a demo login) is left out, so their own "This helped me" is still to click.
HELPED = {
    "glutamate-and-the-fibromyalgia-brain": {"k": 3, "x": 2, "h": 4, "ab": 3, "ag": 1},
    "why-sleep-does-not-always-restore": {"c": 2, "b": 1},
}


def seed_demo() -> list[Login]:
    """Create the demo data if it is missing; return the development logins."""
    with transaction.atomic():
        members = [ensure_member(email=email, display_name=name, password=MEMBER_PASSWORD)
                   for email, name in MEMBERS]
        email, name, password = MODERATOR
        moderator = ensure_member(email=email, display_name=name, password=password)
        moderator.groups.add(Group.objects.get_or_create(name="Moderators")[0])
        email, name, password = EDITOR
        ensure_member(email=email, display_name=name, password=password, is_staff=True, is_superuser=True)

        categories = {}
        for slug, name, parent, description in CATEGORIES:
            categories[slug], _ = Category.objects.get_or_create(
                slug=slug,
                defaults={"name": name, "parent": categories.get(parent), "description": description},
            )
        threads = {
            "glutamate-and-the-fibromyalgia-brain": GLUTAMATE_THREAD,
            "why-sleep-does-not-always-restore": SLEEP_THREAD,
            "moving-gently-exercise-and-fibromyalgia": EXERCISE_THREAD,
        }
        for spec in ARTICLES:
            if Article.objects.filter(slug=spec["slug"]).exists():
                continue
            article = _create_article(spec, categories)
            posted = _create_thread(article, threads.get(spec["slug"], []), members)
            _mark_helpful(posted, HELPED.get(spec["slug"], {}), members)
            if spec["slug"] == "glutamate-and-the-fibromyalgia-brain":
                _create_moderation_examples(article, members)
        if not Article.objects.discussions().exists():
            _create_discussions(categories, members)

    logins = [Login("editor (admin)", EDITOR[0], EDITOR[2]), Login("moderator", MODERATOR[0], MODERATOR[2])]
    logins += [Login("member", email, MEMBER_PASSWORD) for email, _ in MEMBERS]
    return logins


DISCUSSIONS = [
    # (topic, starter, title, opening post, [(member, reply)])
    ("sleep", 2, "Waking at 3 am: what has helped you?",
     "I fall asleep fine but wake around 3 most nights and lie there for an hour. What has helped you get back "
     "to sleep?", [(4, "Getting up for twenty minutes with a dull book, then back to bed. Lying there worrying "
                       "made it worse for me."), (1, "Same pattern here. I keep a note of which nights it happens; "
                                                     "so far it lines up with late meals.")]),
    ("fibromyalgia-chronic-fatigue", 0, "Bringing research to appointments",
     "How do you bring up a study with your doctor without it turning into a debate? I printed the insula paper "
     "last time and it went well, but I was lucky.", [(5, "I ask \"does this change anything for me?\" rather "
                                                         "than \"should I try this?\". It keeps it a question.")]),
]


def _create_discussions(categories: dict, members: list) -> None:
    for topic, starter, title, text, replies in DISCUSSIONS:
        opening = services.start_discussion(author=members[starter], category=categories[topic], title=title,
                                            text=text)
        for member, reply in replies:
            services.post_comment(author=members[member], article=opening.article, text=reply)


def _create_moderation_examples(article: Article, members: list) -> None:
    """Something for the demo moderator to do: a held medication change, a reported comment, a
    watched phrase (the sleep thread has a claim published with the label)."""
    moderation.save_watched_phrase(
        phrase=WatchedPhrase(pattern="graviola", action=WatchedPhrase.Action.HOLD,
                             note="Sold online as a cancer cure; hold for a look."),
        actor=None,
    )
    services.post_comment(
        author=members[3], article=article,
        text="Stop taking your medication and cut out glutamate instead. It is guaranteed to work within a week.",
    )

    reported = article.comments.get(number=4)
    for reporter, note in ((members[0], "Reads like advice, no source."), (members[5], "")):
        moderation.report_post(reporter=reporter, post=reported, reason=Report.Reason.MISINFORMATION, note=note)


def _create_article(spec: dict, categories: dict) -> Article:
    article = services.save_article(
        article=Article(
            slug=spec["slug"],
            title=spec["title"],
            category=categories[spec["category"]],
            byline=spec["byline"],
            published_at=spec["published_at"],
            summary=spec["summary"],
            body=spec["body"].strip(),
            comments_open=spec["comments_open"],
        )
    )
    for position, (citation, doi, url) in enumerate(spec["references"]):
        Reference.objects.create(article=article, citation=citation, doi=doi, url=url, position=position)
    return article


def _create_thread(article: Article, thread: list, members: list) -> dict[str, Comment]:
    """Post the thread in order, a few hours apart, starting the day after publication."""
    posted = {}
    for number, (key, parent_key, member, text) in enumerate(thread, start=1):
        posted[key] = services.add_archived_comment(
            article=article,
            number=number,
            text=text,
            created_at=article.published_at + timedelta(days=1, hours=7 * number, minutes=13 * number % 60),
            author=members[member],
            parent=posted.get(parent_key),
        )
    return posted


def _mark_helpful(posted: dict[str, Comment], helped: dict[str, int], members: list) -> None:
    markers = [member for index, member in enumerate(members) if index != 3]
    for key, count in helped.items():
        comment = posted[key]
        for member in [m for m in markers if m.pk != comment.author_id][:count]:
            services.say_helped(member=member, comment=comment, helped=True)
