// Progressive enhancement: after posting, focus the outcome shown at the member's own
// comment, so screen readers read it out (it is a status region either way).
// Focused once the page has loaded: the browser's own scroll to #comment-N comes
// first and would otherwise take focus back to the page.
(function () {
  "use strict";
  var outcome = document.querySelector("[data-outcome]");
  if (!outcome) { return; }
  window.addEventListener("load", function () {
    window.setTimeout(function () { outcome.focus({preventScroll: true}); }, 0);
  });
}());

// Progressive enhancement: "Reply" moves the comment form under the comment
// instead of reloading the page. Without this script the link still works
// (?replyto=N renders the form with the parent filled in).
(function () {
  "use strict";
  var box = document.getElementById("respond");
  var form = box && box.querySelector("form.comment-form");
  if (!form) { return; }
  var home = box.parentNode;
  var homeNext = box.nextSibling;
  var parentField = form.querySelector("input[name=parent]");
  var replyingTo = form.querySelector(".replying-to");
  var replyingLink = form.querySelector(".replying-to__link");
  var textarea = form.querySelector("textarea");

  function replyTo(link) {
    // The number and name are read from the comment itself, not repeated on every link.
    var comment = link.closest("article.comment");
    var number = comment.id.replace("comment-", "");
    var name = comment.querySelector(".comment__author").textContent;
    parentField.value = link.dataset.parent;
    replyingLink.textContent = "(" + number + ") " + name;
    replyingLink.setAttribute("href", "#" + comment.id);
    replyingTo.hidden = false;
    comment.parentNode.insertBefore(box, comment.nextSibling);
    moved();
    textarea.focus();
  }

  function cancel() {
    parentField.value = "";
    replyingTo.hidden = true;
    home.insertBefore(box, homeNext);
    moved();
  }

  function moved() {
    // At once, before anything more is typed: drafts.js keeps the text for where it was written.
    form.dispatchEvent(new CustomEvent("forum:form-moved"));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.reply-link, a.cancel-reply");
    if (!link) { return; }
    event.preventDefault();
    if (link.classList.contains("reply-link")) { replyTo(link); } else { cancel(); }
  });
})();
