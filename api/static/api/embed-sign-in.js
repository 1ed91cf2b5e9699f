/* The sign-in window's last step: hand the frame token to the frame that opened this window. It is
   posted to the forum's own origin alone, so only a frame of the forum, never the publisher's page,
   can receive it; then the window closes. */
(function () {
  "use strict";
  var handed = document.querySelector("[data-frame-token]");
  if (!handed || !window.opener) return;
  window.opener.postMessage({ type: "forum:signed-in", token: handed.dataset.frameToken, name: handed.dataset.name },
                            window.location.origin);
  window.close();
})();
