// Progressive enhancement: every form that writes (a comment, a reply, an edit, a discussion, an
// appeal) keeps what the member types in this browser, per member, article and comment replied
// to, so a closed tab or a lost connection loses nothing. The text comes back when they return;
// it is forgotten once posted (the page after posting has the form empty, or not at all), after
// a week, and for every form when they sign out, since a health forum's drafts are private.
(function () {
  "use strict";
  var PREFIX = "forum:draft:";
  var SENT = "forum:draft-sent";
  var WEEK_MS = 7 * 24 * 3600 * 1000;
  var SAVE_MS = 500;

  function store() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  var drafts = store();
  if (!drafts) { return; }

  function read(key) {
    try {
      var draft = JSON.parse(drafts.getItem(PREFIX + key));
      if (draft && Date.now() - draft.saved < WEEK_MS) { return draft; }
    } catch (error) { /* an unreadable draft is no draft */ }
    drafts.removeItem(PREFIX + key);
    return null;
  }

  function keyOf(form) {
    var parent = form.querySelector("input[name=parent]");
    return form.dataset.draft + (parent && parent.value ? ":reply:" + parent.value : "");
  }

  function fields(form) {
    return {text: form.querySelector("textarea"), title: form.querySelector("input[name=title]")};
  }

  function save(form) {
    // Under the key of the place the text was written for (form.dataset.draftKey), even if the
    // form has moved on to another reply since.
    window.clearTimeout(form.draftTimer);
    var box = fields(form);
    var text = box.text.value;
    var title = box.title ? box.title.value : "";
    if (!text.trim() && !title.trim()) { drafts.removeItem(PREFIX + form.dataset.draftKey); return; }
    drafts.setItem(PREFIX + form.dataset.draftKey, JSON.stringify({text: text, title: title, saved: Date.now()}));
  }

  function restore(form) {
    var box = fields(form);
    var draft = read(keyOf(form));
    // Only into an untouched box: what the page brought back (an error, the note) comes first.
    if (!draft || box.text.value !== box.text.defaultValue || draft.text === box.text.value) { return; }
    box.text.value = draft.text;
    var earlier = form.querySelector(".draft-note");
    if (earlier) { earlier.remove(); }
    if (box.title && draft.title && !box.title.value) { box.title.value = draft.title; }
    var note = document.createElement("p");
    note.className = "draft-note";
    note.setAttribute("role", "status");
    note.textContent = "Your unsent text is back, as you left it. ";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link-button";
    discard.textContent = "Discard it";
    discard.addEventListener("click", function () {
      drafts.removeItem(PREFIX + keyOf(form));
      box.text.value = box.text.defaultValue;
      if (box.title) { box.title.value = box.title.defaultValue; }
      note.remove();
      box.text.focus();
    });
    note.appendChild(discard);
    box.text.parentNode.insertBefore(note, box.text);
  }

  var forms = Array.prototype.slice.call(document.querySelectorAll("form[data-draft]"));
  // The form sent last: if this page has it again with the member's text, it came back (an
  // error, the note before posting) and the draft stays; otherwise it was posted.
  var sent = window.sessionStorage.getItem(SENT);
  if (sent) {
    window.sessionStorage.removeItem(SENT);
    var back = forms.some(function (form) { return keyOf(form) === sent && fields(form).text.value.trim(); });
    if (!back) { drafts.removeItem(PREFIX + sent); }
  }

  function moved(form) {
    // The form now answers another comment (or the article again): the text written so far is
    // kept for where it was written, and this place's own draft, if any, comes back.
    if (keyOf(form) === form.dataset.draftKey) { return; }
    save(form);
    var box = fields(form);
    box.text.value = box.text.defaultValue;
    var note = form.querySelector(".draft-note");
    if (note) { note.remove(); }
    form.dataset.draftKey = keyOf(form);
    restore(form);
  }

  forms.forEach(function (form) {
    form.dataset.draftKey = keyOf(form);
    restore(form);
    form.addEventListener("input", function () {
      window.clearTimeout(form.draftTimer);
      form.draftTimer = window.setTimeout(function () { save(form); }, SAVE_MS);
    });
    form.addEventListener("submit", function () {
      save(form);
      window.sessionStorage.setItem(SENT, keyOf(form));
    });
  });

  // "Reply" moves the form under a comment (reply.js says so as it moves it, before anything more
  // can be typed): that reply's own draft comes back.
  forms.forEach(function (form) {
    form.addEventListener("forum:form-moved", function () { moved(form); });
  });

  // Signing out forgets every draft in this browser.
  document.querySelectorAll("form[data-sign-out]").forEach(function (form) {
    form.addEventListener("submit", function () {
      Object.keys(drafts).filter(function (key) { return key.indexOf(PREFIX) === 0; })
        .forEach(function (key) { drafts.removeItem(key); });
    });
  });
}());
