// A Copy button beside each quote's citation (templates/includes/quote.html). Without it, the
// citation is still there to select; the button's words come from the script's own tag.
(function () {
  "use strict";
  var script = document.currentScript;
  var copy = (script && script.dataset.copy) || "Copy";
  var copied = (script && script.dataset.copied) || "Copied";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll(".copy-quote").forEach(function (box) {
    var text = box.querySelector("textarea");
    var button = document.createElement("button");
    var said = document.createElement("span");
    button.type = "button";
    button.textContent = copy;
    said.setAttribute("role", "status");
    said.className = "meta";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(text.value).then(function () {
        said.textContent = "";  // emptied first, so that a second copy is announced too
        setTimeout(function () { said.textContent = " " + copied; }, 100);
      }, function () {
        text.select();  // no permission: selected, for the reader's own copy
      });
    });
    text.after(button, said);
  });
})();
