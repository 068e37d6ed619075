// The door's camera: where the browser can read QR codes (BarcodeDetector), a button scans
// a ticket and checks it as if typed. Elsewhere the code is typed, or a hand scanner types it.
(function () {
  "use strict";
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
  var button = document.getElementById("scan");
  var video = document.getElementById("camera");
  var input = document.getElementById("code");
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        button.hidden = true;
        return video.play().then(function () {
          (function look() {
            detector.detect(video).then(function (codes) {
              if (codes.length) {
                stream.getTracks().forEach(function (track) { track.stop(); });
                input.value = codes[0].rawValue;
                input.form.submit();
              } else {
                window.setTimeout(look, 250);
              }
            }, function () { window.setTimeout(look, 500); });
          })();
        });
      })
      .catch(function (error) {
        button.textContent = "The camera is not available (" + error.name + "): type the code";
        button.disabled = true;
      });
  });
})();
