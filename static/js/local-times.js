// Times marked data-local-time also in the reader's own zone, where it differs from the
// one written on the page: pages are cached for everyone, the reader's zone is the browser's.
// Written as the page writes dates, in its language: the pattern and the month names come
// from the script's own tag (templates/includes/local_times.html), the words around the
// time from the <time> (data-your-time). Browsers do not all know Kazakh's month names.
(function () {
  "use strict";
  var script = document.currentScript;
  var pattern = (script && script.dataset.pattern) || "j F, H:i";
  var months = ((script && script.dataset.months) || "").split(",");
  var language = document.documentElement.lang || "en";
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var fields = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    timeZone: zone, timeZoneName: "shortOffset"
  });
  function parts(moment) {
    var found = {};
    fields.formatToParts(moment).forEach(function (part) { found[part.type] = part.value; });
    return found;
  }
  function two(value) { return ("0" + value).slice(-2); }
  // The letters of config/lib/filters.py's `date` that a day and a time use.
  function written(moment) {
    var p = parts(moment), out = "", escaped = false;
    var month = Number(p.month);
    var tokens = {
      j: String(Number(p.day)), d: two(p.day), m: two(month), H: two(p.hour), i: two(p.minute),
      F: months[month - 1] || String(month), E: months[month - 1] || String(month)
    };
    for (var index = 0; index < pattern.length; index++) {
      var letter = pattern[index];
      if (escaped) { out += letter; escaped = false; }
      else if (letter === "\\") { escaped = true; }
      else { out += tokens[letter] !== undefined ? tokens[letter] : letter; }
    }
    return { when: out, offset: p.timeZoneName };
  }
  // As the site writes zones in English, "Europe/Madrid" is "Madrid time"; in the other
  // languages by its offset from UTC, which every browser writes the same way.
  var city = zone.split("/").pop().replace(/_/g, " ");
  document.querySelectorAll("time[data-local-time]").forEach(function (time) {
    var moment = new Date(time.getAttribute("datetime"));
    if (isNaN(moment) || time.getAttribute("data-zone") === zone) return;
    var said = written(moment);
    var inWords = zone === "UTC" ? "UTC" : language === "en" ? city + " time" : said.offset;
    var words = time.getAttribute("data-your-time") || "{time} {zone}, your time";
    var yours = document.createElement("span");
    yours.className = "meta your-time";
    yours.textContent = " (" + words.replace("{time}", said.when).replace("{zone}", inWords) + ")";
    time.after(yours);
  });
})();
