/* Inside the frame on a publisher's page: tell the page (its origin alone, which the forum
   checked and put on <html>) how tall the thread is whenever it changes, and open the forum's
   own pages in a new tab rather than inside the frame. */
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
})();
