/* Roadside console: small page behaviours (no inline scripts: the CSP allows only this file). */
(function () {
  "use strict";

  function gsmUnits(text, basic, extended) {
    var units = 0;
    for (var i = 0; i < text.length; i++) {
      var ch = text.charAt(i);
      if (basic.indexOf(ch) >= 0) { units += 1; }
      else if (extended.indexOf(ch) >= 0) { units += 2; }
      else { return -1; }
    }
    return units;
  }

  /* Segments as webhooks/sms_segments.py counts them: GSM-7 160/153, else UCS-2 70/67 UTF-16 units. */
  function smsSegments(text, basic, extended) {
    if (!text) { return { count: 0, encoding: "GSM-7" }; }
    var units = gsmUnits(text, basic, extended);
    if (units >= 0) { return { count: units <= 160 ? 1 : Math.ceil(units / 153), encoding: "GSM-7" }; }
    units = text.length;  /* JavaScript strings are UTF-16 */
    return { count: units <= 70 ? 1 : Math.ceil(units / 67), encoding: "UCS-2" };
  }

  function normalised(text) {
    return text.split("\n").map(function (line) { return line.trim().replace(/\s+/g, " "); })
      .join("\n").replace(/\n{3,}/g, "\n\n").trim();
  }

  function setUpCounter(box) {
    var counter = document.getElementById(box.getAttribute("data-counter"));
    var form = box.form;
    var send = form && form.querySelector("button[type=submit]");
    var max = parseInt(box.getAttribute("data-max"), 10);
    var basic = box.getAttribute("data-gsm-basic") || "";
    var extended = box.getAttribute("data-gsm-extended") || "";
    function update() {
      var text = normalised(box.value);
      var chars = Array.from(text).length;
      var seg = smsSegments(text, basic, extended);
      var over = chars > max;
      counter.textContent = chars + " / " + max + " characters · " + seg.count + " SMS segment" +
        (seg.count === 1 ? "" : "s") + " (" + seg.encoding + ")" +
        (over ? " · too long: shorten it by " + (chars - max) + " to send" : "");
      counter.classList.toggle("over", over);
      if (send) { send.disabled = over; }
    }
    box.addEventListener("input", update);
    update();
  }

  /* Waits tick every second, coloured against the item's targets (data-amber, data-red in seconds). */
  function formatWait(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    var mm = h ? (m < 10 ? "0" : "") + m : String(m);
    return (h ? h + ":" : "") + mm + ":" + (s < 10 ? "0" : "") + s;
  }

  function tickWaits() {
    var now = Date.now();
    document.querySelectorAll(".wait[data-since]").forEach(function (el) {
      var seconds = Math.max(0, Math.floor((now - parseInt(el.getAttribute("data-since"), 10)) / 1000));
      var red = parseInt(el.getAttribute("data-red"), 10), amber = parseInt(el.getAttribute("data-amber"), 10);
      el.textContent = formatWait(seconds);
      el.classList.toggle("wait-red", seconds >= red);
      el.classList.toggle("wait-amber", seconds >= amber && seconds < red);
      el.classList.toggle("wait-ok", seconds < amber);
    });
  }

  function setUp() {
    document.querySelectorAll("textarea[data-counter]").forEach(setUpCounter);
    tickWaits();
    window.setInterval(tickWaits, 1000);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); }
  else { setUp(); }
})();
