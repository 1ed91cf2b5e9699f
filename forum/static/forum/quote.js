// Progressive enhancement: words selected in a comment one may reply to bring a "Quote" button
// under it; pressing it opens the reply (reply.js) with those words as the reply's quote, sent
// in hidden fields and checked by the server against the comment (forum/quoting.py). Without
// this script there are no quotes and replies work as before.
(function () {
  "use strict";
  var box = document.getElementById("respond");
  var form = box && box.querySelector("form.comment-form");
  if (!form || !window.getSelection) { return; }
  var quoteOf = form.querySelector("input[name=quote_of]");
  var quoteField = form.querySelector("input[name=quote]");
  var shown = form.querySelector("[data-quoting]");
  var words = form.querySelector("[data-quoting-words]");
  var limit = parseInt(quoteField.dataset.max, 10) || 500;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "button button--quiet quote-button";
  button.textContent = "Quote";
  button.hidden = true;
  var chosen = null;

  function selectedQuote() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) { return null; }
    var within = selection.getRangeAt(0).commonAncestorContainer;
    var element = within.nodeType === 1 ? within : within.parentElement;
    var body = element && element.closest("article.comment .comment__body");
    var reply = body && body.closest("article.comment").querySelector("a.reply-link");
    var text = selection.toString().replace(/\s+/g, " ").trim().slice(0, limit).trim();
    return reply && text ? {body: body, reply: reply, text: text} : null;
  }

  function offer() {
    var found = selectedQuote();
    if (!found) {
      if (document.activeElement !== button) { button.hidden = true; }
      return;
    }
    chosen = found;
    found.body.insertAdjacentElement("afterend", button);
    button.setAttribute("aria-label", "Quote the selected words in your reply");
    button.hidden = false;
  }

  function clear() {
    quoteOf.value = "";
    quoteField.value = "";
    words.textContent = "";
    shown.hidden = true;
  }

  var waiting;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(waiting);
    waiting = window.setTimeout(offer, 150);
  });
  button.addEventListener("mousedown", function (event) { event.preventDefault(); });
  button.addEventListener("click", function () {
    if (!chosen) { return; }
    var quote = chosen;
    chosen.reply.click();  // reply.js moves the form under the comment and focuses the text box
    quoteOf.value = quote.reply.dataset.parent;
    quoteField.value = quote.text;
    words.textContent = quote.text;
    shown.hidden = false;
    button.hidden = true;
    window.getSelection().removeAllRanges();
  });
  form.addEventListener("click", function (event) {
    if (event.target.closest("[data-quote-remove]")) { clear(); form.querySelector("textarea").focus(); }
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("a.cancel-reply")) { clear(); }
  });
}());
