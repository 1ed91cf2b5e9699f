// Progressive enhancement for moderators: keyboard shortcuts on the queue and the case page
// (listed on "?"), and a decision form that shows only the fields the chosen decision needs.
// Without this script every link, field and button works as it is.
(function () {
  "use strict";

  var help = document.getElementById("shortcuts");
  var hint = document.querySelector(".shortcuts-hint");
  if (hint) { hint.hidden = false; }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  // The queue: a current row moved with j/k, opened with o, selected with x.
  var rows = Array.prototype.slice.call(document.querySelectorAll(".mod-table--queue tbody tr"));
  var current = -1;

  function focusRow(index) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("is-current", i === current); });
    rows[current].querySelector(".mod-row__title").focus();
  }

  // The case page: a decision chosen with a, l, e or r; its fields shown, the first focused.
  var decision = document.querySelector(".decide form");

  function showFields() {
    if (!decision) { return; }
    var chosen = decision.querySelector("input[name=action]:checked");
    decision.querySelectorAll("[data-for]").forEach(function (field) {
      field.hidden = !chosen || field.dataset.for.split(" ").indexOf(chosen.value) === -1;
    });
  }

  function choose(action) {
    var radio = decision && decision.querySelector("input[name=action][value=" + action + "]");
    if (!radio) { return; }
    radio.checked = true;
    showFields();
    var first = decision.querySelector("[data-for]:not([hidden]) textarea, [data-for]:not([hidden]) input");
    (first || decision.querySelector("button[type=submit]")).focus();
  }

  if (decision) {
    decision.addEventListener("change", showFields);
    showFields();
    decision.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { decision.requestSubmit(); }
    });
  }

  var keys = {
    "?": function () { if (help) { help.hidden = !help.hidden; } },
    j: function () { focusRow(current + 1); },
    k: function () { focusRow(current - 1); },
    o: function () { if (current >= 0) { rows[current].querySelector(".mod-row__title").click(); } },
    x: function () {
      var box = current >= 0 && rows[current].querySelector("input[type=checkbox]");
      if (box) { box.checked = !box.checked; }
    },
    a: function () { choose("approve"); },
    l: function () { choose("label"); },
    e: function () { choose("edit"); },
    r: function () { choose("reject"); }
  };
  ["n", "p", "u"].forEach(function (key) {
    keys[key] = function () {
      var link = document.querySelector("a[data-key=" + key + "]");
      if (link) { link.click(); }
    };
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && typing(event.target)) { event.target.blur(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
}());
