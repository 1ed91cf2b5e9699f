// Progressive enhancement: typing @ in the comment box offers the names of the people in this
// conversation (the comments on the page); arrow keys move, Enter or Tab takes one, Escape
// closes. The server reads @Name itself (forum/mentions.py), so typing the name works without it.
(function () {
  "use strict";
  var textarea = document.querySelector("form.comment-form textarea");
  if (!textarea) { return; }
  var list = document.createElement("ul");
  list.id = "mention-list";
  list.className = "mention-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "People in this conversation");
  list.hidden = true;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  textarea.insertAdjacentElement("afterend", status);
  textarea.insertAdjacentElement("afterend", list);
  textarea.setAttribute("aria-autocomplete", "list");
  textarea.setAttribute("aria-controls", "mention-list");
  var at = null, active = 0, options = [];

  function people() {
    var seen = {};
    document.querySelectorAll("article.comment .comment__author").forEach(function (node) {
      var name = node.textContent.trim();
      if (name && name !== "former member") { seen[name] = true; }
    });
    return Object.keys(seen).sort(function (a, b) { return a.localeCompare(b); });
  }

  function typedName() {
    var upto = textarea.value.slice(0, textarea.selectionStart);
    var match = /(^|[^\w@.])@([^@\n]{0,30})$/.exec(upto);
    return match ? {start: upto.length - match[2].length, query: match[2].toLowerCase()} : null;
  }

  function close() {
    list.hidden = true;
    list.textContent = "";
    options = [];
    at = null;
    textarea.removeAttribute("aria-activedescendant");
  }

  function show(index) {
    active = index;
    options.forEach(function (option, i) { option.setAttribute("aria-selected", i === index ? "true" : "false"); });
    textarea.setAttribute("aria-activedescendant", options[index].id);
  }

  function offer() {
    var typed = typedName();
    var names = typed ? people().filter(function (name) {
      return name.toLowerCase().indexOf(typed.query) === 0;
    }).slice(0, 8) : [];
    if (!names.length) { close(); return; }
    at = typed;
    list.textContent = "";
    options = names.map(function (name, i) {
      var option = document.createElement("li");
      option.id = "mention-" + i;
      option.setAttribute("role", "option");
      option.textContent = name;
      list.appendChild(option);
      return option;
    });
    list.hidden = false;
    show(0);
    status.textContent = names.length + (names.length === 1 ? " name" : " names") +
      " from this conversation: arrow keys to choose, Enter to take one.";
  }

  function take(name) {
    var before = textarea.value.slice(0, at.start), after = textarea.value.slice(textarea.selectionStart);
    textarea.value = before + name + " " + after;
    var caret = before.length + name.length + 1;
    textarea.setSelectionRange(caret, caret);
    close();
    textarea.dispatchEvent(new Event("input", {bubbles: true}));  // the draft and the note follow
  }

  textarea.addEventListener("input", offer);
  textarea.addEventListener("blur", function () { window.setTimeout(close, 150); });
  textarea.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      show((active + (event.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      take(options[active].textContent);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  list.addEventListener("mousedown", function (event) {
    var option = event.target.closest("[role=option]");
    if (option) { event.preventDefault(); take(option.textContent); }
  });
}());
