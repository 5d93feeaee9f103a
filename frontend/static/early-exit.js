// Quick exit before the survey app has started (its WASM can take a second or more on a slow
// connection). Same behaviour as the app's own: blank the page, then replace this history
// entry with a neutral site, so Back does not return here. Once the app has rendered its own
// exit button (this link is gone from the page), the app's handlers take over.
(function () {
  "use strict";
  var NEUTRAL_SITE = "https://www.bbc.co.uk/weather";
  var link = document.getElementById("quick-exit");
  var shiftPresses = [];

  function leave(event) {
    if (event) {
      event.preventDefault();
    }
    document.title = "";
    document.body.innerHTML = "";
    window.location.replace(NEUTRAL_SITE);
  }

  function onKeyDown(event) {
    if (!link || !link.isConnected) {
      document.removeEventListener("keydown", onKeyDown, true);
      return;
    }
    if (event.key !== "Shift") {
      shiftPresses = [];
      return;
    }
    if (event.repeat) {
      return;
    }
    var now = Date.now();
    shiftPresses = shiftPresses.filter(function (at) { return now - at < 1000; });
    shiftPresses.push(now);
    if (shiftPresses.length >= 3) {
      leave();
    }
  }

  if (link) {
    link.addEventListener("click", leave);
  }
  document.addEventListener("keydown", onKeyDown, true);
})();
