// Progressive enhancement for signed-in members: the header's unread count (and, for
// moderators, what waits in the review queue) kept current while a page is open, asked every
// data-every seconds (config.views.live_counts, a 304 while nothing changed). On the queue
// itself, new cases and appeals are announced with a link to the queue as it stands. Paused
// while the tab is hidden; without this script the counts are those the page was sent with.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !window.fetch) { return; }
  var url = script.dataset.counts;
  var every = (parseInt(script.dataset.every, 10) || 20) * 1000;
  var wait = every, timer = null;
  var queue = document.querySelector("[data-queue-known]");

  function count(link, value, words) {
    var shown = link.querySelector(".count");
    if (!value) { if (shown) { shown.remove(); } return; }
    if (!shown) {
      shown = document.createElement("span");
      shown.className = "count";
      link.append(" ", shown);
    }
    shown.textContent = value;
    var hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = " " + words;
    shown.append(hidden);
  }

  function update(state) {
    var notes = document.querySelector(".site-nav__notes");
    if (notes) { count(notes, state.unread, "unread"); }
    var review = document.querySelector(".site-nav__queue");
    if (review && "open_cases" in state) { count(review, state.open_cases, state.open_cases === 1 ? "open case" : "open cases"); }
    if (queue && "open_cases" in state) {
      var cases = state.open_cases - parseInt(queue.dataset.queueKnown, 10);
      var appeals = state.open_appeals - parseInt(queue.dataset.queueAppeals, 10);
      var news = [];
      if (cases > 0) { news.push(cases + (cases === 1 ? " new case" : " new cases")); }
      if (appeals > 0) { news.push(appeals + (appeals === 1 ? " new appeal" : " new appeals")); }
      if (cases < 0 || appeals < 0) { news.push("Some were decided by other moderators"); }
      queue.textContent = "";
      if (news.length) {
        queue.append(news.join(", ") + ". ");
        var link = document.createElement("a");
        link.href = window.location.pathname + window.location.search;
        link.textContent = "Show the queue as it stands";
        queue.append(link);
      }
    }
  }

  function schedule() {
    window.clearTimeout(timer);
    if (!document.hidden) { timer = window.setTimeout(ask, wait); }
  }

  function ask() {
    fetch(url, {credentials: "same-origin", cache: "no-cache", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (state) { wait = every; update(state); })
      .catch(function () { wait = Math.min(wait * 2, 300000); })
      .then(schedule);
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { wait = Math.min(wait, every); }
    schedule();
  });
  schedule();
}());
