/* Inside the frame on a publisher's page.
   - Tell the page (its origin alone, which the forum checked and put on <html>) how tall the
     thread is whenever it changes; open the forum's own pages in a new tab, not in the frame.
   - Writing: "Sign in" opens the forum's sign-in in a window of its own (first-party, so it works
     where third-party cookies are blocked), which hands back a frame token by postMessage; only
     a message from the forum's origin, from that window, is taken. The token is kept in this
     frame's session storage, which the browser keeps apart per publisher's site (or, where the
     browser refuses a frame storage too, in this page alone). Comments are posted through the API
     with it, with the note on health claims while writing and before posting
     (forum/static/forum/nudge.js renders it); then the thread is read again in place and the
     outcome shown, as the forum's page shows it. */
(function () {
  "use strict";
  var parentOrigin = document.documentElement.dataset.parentOrigin;
  var framed = window.parent !== window && parentOrigin;

  function tellHeight() {
    window.parent.postMessage({ type: "forum:height", height: document.documentElement.getBoundingClientRect().height },
                              parentOrigin);
  }

  function openOutside(link) {
    // Pages of this thread stay in the frame; everything else is a page of its own.
    if (link.origin === window.location.origin && link.pathname === window.location.pathname) return;
    link.target = "_blank";
    link.rel = "noopener";
  }

  document.querySelectorAll("a[href]").forEach(openOutside);
  if (framed) {
    new ResizeObserver(tellHeight).observe(document.body);
    tellHeight();
  }

  var box = document.querySelector("[data-writing]");
  if (!box) return;
  box.hidden = false;
  var form = box.querySelector("[data-writer]");
  var outcome = box.querySelector("[data-outcome]");
  var SIGN_IN = "forum:frame-sign-in";
  var memory = {};  // where session storage is refused altogether

  function kept(key) {
    try { return JSON.parse(window.sessionStorage.getItem(key)); } catch (error) { return memory[key] || null; }
  }
  function keep(key, value) {
    memory[key] = value;
    try {
      if (value === null) {
        window.sessionStorage.removeItem(key);
      } else {
        window.sessionStorage.setItem(key, JSON.stringify(value));
      }
    } catch (error) { /* kept in memory for this page */ }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function tell(done) {
    // What became of the comment just posted, as the forum's page tells its author.
    outcome.textContent = "";
    if (done.crisis_message) {
      var crisis = element("p", "outcome__crisis", done.crisis_message);
      crisis.setAttribute("role", "alert");
      outcome.appendChild(crisis);
    }
    var state = done.state === "held"
      ? "Your comment is posted and awaiting moderation. It is shown here once a moderator has reviewed it, " +
        "and you are told of the decision."
      : done.labelled ? "Your comment is posted with the “Unverified health claim” label."
      : "Your comment (" + done.number + ") is posted.";
    var strong = element("p");
    strong.appendChild(element("strong", "", state));
    outcome.appendChild(strong);
    if (done.reasons && done.reasons.length) {
      outcome.appendChild(element("p", "outcome__why", "Why:"));
      var reasons = element("ul", "outcome__reasons");
      done.reasons.forEach(function (reason) { reasons.appendChild(element("li", "", reason)); });
      outcome.appendChild(reasons);
    }
    outcome.classList.toggle("outcome--held", done.state === "held");
    outcome.hidden = false;
    outcome.focus();
  }

  if (!form) return;

  var signedOut = box.querySelector("[data-signed-out]");
  var signInError = box.querySelector("[data-sign-in-error]");
  var textarea = form.querySelector("textarea");
  var error = form.querySelector("[data-error]");
  var note = form.querySelector("[data-note]");
  var confirm = form.querySelector("[data-confirm]");
  var parentField = form.querySelector("input[name=parent]");
  var confirmed = form.querySelector("input[name=confirmed]");
  var replying = form.querySelector("[data-replying]");
  var section = box.parentNode;
  var submission = newSubmission();
  var signInWindow = null;

  function newSubmission() {
    return window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID()
      : String(Date.now()) + String(Math.random()).slice(2);
  }

  function show() {
    var who = kept(SIGN_IN);
    form.hidden = !who;
    signedOut.hidden = !!who;
    if (who) form.querySelector("[data-name]").textContent = who.name;
  }

  function fail(message) {
    error.textContent = message;
    error.hidden = false;
  }

  function api(path, body) {
    var who = kept(SIGN_IN);
    return fetch("/api/v1" + path, {
      method: "POST", credentials: "omit", body: JSON.stringify(body),
      headers: {"Authorization": "Bearer " + (who ? who.token : ""), "Content-Type": "application/json"}
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (response.status === 401) { keep(SIGN_IN, null); show(); }
        return {status: response.status, answer: answer};
      });
    });
  }

  box.querySelector("[data-sign-in-button]").addEventListener("click", function () {
    signInWindow = window.open(box.dataset.signIn, "forum-sign-in", "popup,width=520,height=700");
  });
  window.addEventListener("message", function (event) {
    if (event.origin !== window.location.origin || !signInWindow || event.source !== signInWindow) return;
    var data = event.data;
    if (!data || data.type !== "forum:signed-in" || typeof data.token !== "string") return;
    keep(SIGN_IN, {token: data.token, name: String(data.name || "")});
    show();
    textarea.focus();
  });
  form.querySelector("[data-sign-out]").addEventListener("click", function () {
    keep(SIGN_IN, null);
    show();
  });

  function replyTo(link) {
    var comment = link.closest("article.comment");
    var number = comment.id.replace("comment-", "");
    parentField.value = number;
    var to = replying.querySelector("[data-replying-link]");
    to.textContent = "(" + number + ") " + comment.querySelector(".comment__author").textContent;
    to.href = "#" + comment.id;
    replying.hidden = false;
    comment.parentNode.insertBefore(box, comment.nextSibling);
    (form.hidden ? box.querySelector("[data-sign-in-button]") : textarea).focus();
  }
  function report(link) {
    // Signed in here, the report is made in place; otherwise the forum's report page opens.
    var comment = link.closest("article.comment");
    if (comment.querySelector(".report-inline")) return;
    var reporting = document.querySelector("[data-report-form]").content.firstElementChild.cloneNode(true);
    var problem = reporting.querySelector("[data-report-error]");
    link.parentNode.appendChild(reporting);
    reporting.querySelector("input").focus();
    reporting.querySelector("[data-cancel-report]").addEventListener("click", function () { reporting.remove(); });
    reporting.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = reporting.querySelector("input[name=reason]:checked");
      var path = "/articles/" + encodeURIComponent(box.dataset.article) + "/comments/" +
                 comment.id.replace("comment-", "") + "/report";
      api(path, {reason: chosen ? chosen.value : "", note: reporting.querySelector("textarea").value})
        .then(function (sent) {
          if (sent.status === 201) {
            var thanks = element("p", "comment__reported", sent.answer.detail);
            thanks.setAttribute("role", "status");
            reporting.replaceWith(thanks);
            link.remove();
          } else {
            problem.textContent = sent.answer.detail || "The report could not be sent. Please try again.";
            problem.hidden = false;
          }
        });
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.reply-link, a.report-link");
    if (!link || (link.classList.contains("report-link") && !kept(SIGN_IN))) return;
    event.preventDefault();
    if (link.classList.contains("reply-link")) { replyTo(link); } else { report(link); }
  });
  function cancelReply() {
    parentField.value = "";
    replying.hidden = true;
    section.appendChild(box);
  }
  form.querySelector("[data-cancel-reply]").addEventListener("click", cancelReply);

  function readAgain() {
    // The thread as it is now, put in place of the one shown; the writing box stays as it is.
    return fetch(window.location.href, {credentials: "omit", cache: "no-store"}).then(function (response) {
      return response.text();
    }).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("comments");
      cancelReply();
      Array.prototype.slice.call(section.children).forEach(function (child) { if (child !== box) child.remove(); });
      Array.prototype.slice.call(fresh.children).forEach(function (child) {
        if (child.id !== "respond") section.insertBefore(document.importNode(child, true), box);
      });
      section.querySelectorAll("a[href]").forEach(openOutside);
    });
  }

  window.forumNudge.watch(note, function (fields) {
    return api("/drafts/check", fields).then(function (sent) { return sent.status === 200 ? sent.answer : null; });
  });
  textarea.addEventListener("input", function () { confirm.hidden = true; });

  function post(asConfirmed) {
    error.hidden = true;
    var body = {text: textarea.value, parent: parentField.value ? Number(parentField.value) : null,
                confirmed: asConfirmed || confirmed.value === "1", submission: submission};
    api("/articles/" + encodeURIComponent(box.dataset.article) + "/comments", body).then(function (sent) {
      if (sent.status === 201) {
        submission = newSubmission();
        textarea.value = "";
        confirmed.value = "";
        confirm.hidden = true;
        window.forumNudge.render(note, null);
        readAgain().then(function () { tell(sent.answer); }, function () { tell(sent.answer); });
      } else if (sent.status === 409) {
        window.forumNudge.render(note, sent.answer.note);
        confirm.hidden = false;
        confirm.focus();
      } else {
        fail(sent.answer.detail || "The comment could not be posted. Please try again.");
      }
    }, function () {
      fail("The comment could not be sent: check the connection and try again. Your text is still here.");
    });
  }
  // The publisher's own sign-in: its page (its origin, the frame's parent) hands over the token
  // it signed for its reader once this frame says it is ready.
  window.addEventListener("message", function (event) {
    if (event.origin !== parentOrigin || event.source !== window.parent) return;
    var data = event.data;
    if (!data || data.type !== "forum:sso" || typeof data.token !== "string") return;
    api("/embed/sign-in", {origin: parentOrigin, token: data.token}).then(function (sent) {
      if (sent.status === 200) {
        keep(SIGN_IN, {token: sent.answer.token, name: sent.answer.name});
        show();
      } else {
        signInError.textContent = sent.answer.detail || "The site's sign-in did not work. Sign in here instead.";
        signInError.hidden = false;
      }
    });
  });
  if (framed) window.parent.postMessage({type: "forum:ready"}, parentOrigin);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    post(false);
  });
  confirm.addEventListener("click", function () { post(true); });
  show();
})();
