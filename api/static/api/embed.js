/* The publisher's loader: each element with data-forum-thread gets the thread of this page
   (its data-url, else the page's canonical link, else its address) in a frame served by the
   forum, which this script's own address names. The frame says how tall it is; only messages
   from the forum's origin, and from that frame, are heard. A publisher that signs its readers in
   to the forum puts the token it signed for the reader in data-sso-token; it is handed to the
   frame once the frame says it is ready, addressed to the forum's origin alone. Without JavaScript the element keeps
   what the publisher put in it: a link to the thread on the forum. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var forum = new URL(script.src).origin;

  function pageAddress(element) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var url = new URL(element.dataset.url || (canonical && canonical.href) || window.location.href, window.location.href);
    url.hash = "";
    return url.href;
  }

  function embed(element) {
    var src = new URL("/api/embed/", forum);
    src.searchParams.set("url", pageAddress(element));
    src.searchParams.set("title", element.dataset.title || document.title);
    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = element.dataset.frameTitle || "Comments";
    frame.style.cssText = "display:block;width:100%;height:480px;border:0;";
    window.addEventListener("message", function (event) {
      if (event.origin !== forum || event.source !== frame.contentWindow) return;
      var data = event.data || {};
      if (data.type === "forum:height" && typeof data.height === "number" && data.height > 0) {
        frame.style.height = Math.ceil(Math.min(data.height, 200000)) + "px";
      } else if (data.type === "forum:ready" && element.dataset.ssoToken) {
        // The publisher's own sign-in: the token it signed for its reader, to the forum's frame alone.
        frame.contentWindow.postMessage({ type: "forum:sso", token: element.dataset.ssoToken }, forum);
      }
    });
    element.replaceChildren(frame);
  }

  document.querySelectorAll("[data-forum-thread]").forEach(embed);
})();
