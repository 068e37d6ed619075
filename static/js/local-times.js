// Times marked data-local-time also in the reader's own zone, where it differs from the
// one written on the page: pages are cached for everyone, the reader's zone is the browser's.
(function () {
  "use strict";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", timeZone: zone });
  var clock = new Intl.DateTimeFormat("en-GB", {
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone
  });
  // As the site writes zones: "Europe/Madrid" is "Madrid time".
  var inWords = zone === "UTC" ? "UTC" : zone.split("/").pop().replace(/_/g, " ") + " time";
  document.querySelectorAll("time[data-local-time]").forEach(function (time) {
    var moment = new Date(time.getAttribute("datetime"));
    if (isNaN(moment) || time.getAttribute("data-zone") === zone) return;
    var yours = document.createElement("span");
    yours.className = "meta your-time";
    yours.textContent =
      " (" + day.format(moment) + ", " + clock.format(moment) + " " + inWords + ", your time)";
    time.after(yours);
  });
})();
