// Progressive enhancement: while a thread is open, ask every data-live-every seconds whether
// readers can see comments newer than the page (forum/live.py answers 304 while nothing
// changed), and offer "3 new comments: show them", which puts the page's thread as it now
// stands in place without a reload; the form and what is typed in it stay. Paused while the
// tab is hidden. Without this script the page is a plain page: reload to see new comments.
(function () {
  "use strict";
  var live = document.querySelector("[data-live]");
  if (!live || !window.fetch || !window.DOMParser) { return; }
  var url = live.dataset.live;
  var known = parseInt(live.dataset.liveKnown, 10) || 0;
  var every = (parseInt(live.dataset.liveEvery, 10) || 20) * 1000;
  var wait = every, timer = null, fresh = [];

  function schedule() {
    window.clearTimeout(timer);
    if (!document.hidden) { timer = window.setTimeout(ask, wait); }
  }

  function ask() {
    // No cookies: the answer is the same for everyone, so caches in between may keep it.
    fetch(url, {credentials: "omit", cache: "no-cache", headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (state) {
        wait = every;
        fresh = state.newest.filter(function (number) { return number > known; });
        if (fresh.length) { offer(); }
      })
      .catch(function () { wait = Math.min(wait * 2, 300000); })  // the server is busy or away: ask less
      .then(schedule);
  }

  function offer() {
    var count = fresh.length >= 100 ? "100 or more" : String(fresh.length);
    live.textContent = "";
    live.append(count + (fresh.length === 1 ? " new comment " : " new comments "));
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--quiet";
    button.textContent = "Show them";
    button.addEventListener("click", show);
    live.append(button);
  }

  function show() {
    var newest = Math.max.apply(null, fresh);
    fetch(window.location.pathname + window.location.search, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) { swap(new DOMParser().parseFromString(html, "text/html"), newest); })
      .catch(function () { live.textContent = "New comments could not be loaded. Reload the page to see them."; });
  }

  function swap(page, newest) {
    var section = document.getElementById("comments");
    var thread = section.querySelector(":scope > ol.comment-list");
    var incoming = page.querySelector("#comments > ol.comment-list");
    var heading = page.getElementById("comments-heading");
    if (!incoming) { return; }
    // The reply form moved under a comment (reply.js) goes back under it in the new thread.
    var box = document.getElementById("respond");
    var under = thread && box && thread.contains(box) && box.previousElementSibling;
    if (under) { section.appendChild(box); }
    if (thread) { thread.replaceWith(incoming); } else { section.insertBefore(incoming, box); }
    if (heading) { document.getElementById("comments-heading").textContent = heading.textContent; }
    if (under && document.getElementById(under.id)) {
      var anchor = document.getElementById(under.id);
      anchor.parentNode.insertBefore(box, anchor.nextSibling);
    }
    var shown = fresh.map(function (number) { return document.getElementById("comment-" + number); })
      .filter(Boolean);
    shown.forEach(function (comment) { comment.classList.add("comment--new"); });
    known = Math.max(known, newest);
    fresh = [];
    live.textContent = "";
    if (shown.length) {
      shown.sort(function (a, b) { return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1; });
      shown[0].setAttribute("tabindex", "-1");
      shown[0].focus();
    } else {
      var link = document.createElement("a");
      link.href = url.replace(/live\/$/, newest + "/");
      link.textContent = "The new comments are on another page: read the newest";
      live.append(link);
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { wait = Math.min(wait, every); }
    schedule();
  });
  schedule();
}());
