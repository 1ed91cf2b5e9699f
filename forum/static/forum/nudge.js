// Progressive enhancement: as the member pauses typing, ask the forum what posting the
// text would do, and show the note on a health claim (the words read as a claim marked
// in a preview of their own text, why, and what helps) or the crisis resources, beside
// the form. Without this script the same note comes as a step after the first submit.
(function () {
  "use strict";
  var PAUSE_MS = 900;
  var MIN_LENGTH = 12;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function render(box, note, thanks) {
    box.textContent = "";
    if (!note && thanks) {
      box.appendChild(element("p", "nudge__thanks", "Thank you: with a source cited, it is posted as usual."));
      box.hidden = false;
      return;
    }
    if (!note) { box.hidden = true; return; }
    if (note.crisis) {
      var crisis = element("p", "nudge__crisis", note.crisis_message);
      crisis.setAttribute("role", "alert");
      box.appendChild(crisis);
    }
    if (note.claim) {
      var title = element("p", "nudge__title");
      title.appendChild(element("strong", "", "Before you post: part of this reads as a health claim."));
      box.appendChild(title);
      var preview = element("p", "nudge__preview");
      note.preview.forEach(function (part) {
        if (part.why) {
          var mark = element("mark", "", part.text);
          mark.title = part.why;
          preview.appendChild(mark);
        } else {
          preview.appendChild(document.createTextNode(part.text));
        }
      });
      box.appendChild(preview);
      box.appendChild(element("p", "nudge__why", "Read as " + note.reasons.join("; ") + "."));
      box.appendChild(element("p", "", "What helps:"));
      var helps = element("ul", "nudge__helps");
      if (note.cites_source) {
        // Asking again for what the text already has would read as not having read it.
        helps.appendChild(element("li", "", "It cites a source: thank you. Say what the source found, in its " +
                                            "words, rather than more than it found."));
      } else {
        var source = element("li", "", "Add a source: a link to the research or to a health authority such as " +
                                       "PubMed or the NHS (");
        var how = element("a", "", "how to cite a source");
        how.href = box.dataset.guidelines;
        source.appendChild(how);
        source.appendChild(document.createTextNode(")."));
        helps.appendChild(source);
      }
      helps.appendChild(element("li", "", "Or say that it is your own experience: “In my experience…”, " +
                                          "“What helped me was…”."));
      helps.appendChild(element("li", "", "Or post it as it is: " + note.if_posted));
      box.appendChild(helps);
    }
    box.hidden = false;
  }

  // How the forum's own forms ask: with the page's CSRF token and the writing session's token.
  function formAsker(box) {
    var form = box.closest("form");
    return function (fields) {
      var body = new FormData();
      Object.keys(fields).forEach(function (name) { body.append(name, fields[name]); });
      body.append("nudge", form.querySelector("input[name=nudge]").value);
      return fetch(box.dataset.check, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"X-CSRFToken": form.querySelector("input[name=csrfmiddlewaretoken]").value}
      }).then(function (response) { return response.ok ? response.json() : null; });
    };
  }

  // ask(fields) answers {note, cites_source}, or null when it could not.
  function watch(box, ask) {
    var form = box.closest("form");
    var textarea = form.querySelector("textarea");
    var title = form.querySelector("input[name=title]");
    var parent = form.querySelector("input[name=parent]");
    var confirmed = form.querySelector("input[name=confirmed]");
    var timer = null;
    var asked = 0;

    function draft() { return (title ? title.value + "\n\n" : "") + textarea.value; }

    function check() {
      var text = textarea.value;
      if (text.trim().length < MIN_LENGTH) { render(box, null); return; }
      var sent = draft();
      var fields = {text: text, form: parent && parent.value ? "reply" : box.dataset.nudge};
      if (title) { fields.title = title.value; }
      var mine = ++asked;
      ask(fields).then(function (answer) {
        // Only the answer to the latest question, and only while the text is still what was asked.
        if (!answer || mine !== asked || sent !== draft()) { return; }
        // A source added after a note is thanked; otherwise a text with nothing to say shows nothing.
        render(box, answer.note, !answer.note && answer.cites_source && box.dataset.noted === "1");
        if (answer.note && answer.note.claim) { box.dataset.noted = "1"; }
        // The member has seen the note on this text: posting it is their choice, not asked again.
        confirmed.value = answer.note ? "1" : "";
      }).catch(function () { /* the server asks again on submit */ });
    }

    function changed() {
      confirmed.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(check, PAUSE_MS);
    }

    textarea.addEventListener("input", changed);
    if (title) { title.addEventListener("input", changed); }

    // The preview is the sanitiser's own output, the HTML that would be stored: shown as the
    // page would show it, beside the note.
    var previewButton = form.querySelector("[data-preview-button]");
    var preview = form.querySelector("[data-preview]");
    if (!previewButton || !preview) { return; }
    previewButton.closest("[data-preview-actions]").hidden = false;
    previewButton.addEventListener("click", function () {
      if (!textarea.value.trim()) { preview.hidden = true; return; }
      var fields = {text: textarea.value, form: parent && parent.value ? "reply" : box.dataset.nudge};
      if (title) { fields.title = title.value; }
      ask(fields).then(function (answer) {
        if (!answer) { return; }
        render(box, answer.note, false);
        confirmed.value = answer.note ? "1" : "";
        preview.querySelector("[data-preview-html]").innerHTML = answer.preview_html;
        preview.hidden = false;
      }).catch(function () { /* the preview is a help, never a step */ });
    });
  }

  // The thread's frame on a publisher's page asks through the API instead (api/static/api/embed-frame.js).
  window.forumNudge = {render: render, watch: watch};
  document.querySelectorAll(".nudge[data-check]").forEach(function (box) { watch(box, formAsker(box)); });
}());
