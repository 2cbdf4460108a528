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

  /* Alerts: the tab title counts urgent unclaimed items; sound and desktop notifications are opt-in per agent. */
  var lastUrgent = null;

  function alertPrefs(box) {
    var key = "roadside-alerts:" + box.getAttribute("data-agent");
    var prefs = {};
    try { prefs = JSON.parse(window.localStorage.getItem(key) || "{}"); } catch (e) { prefs = {}; }
    return { key: key, prefs: prefs };
  }

  function beep() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    var ctx = new Ctx(), osc = ctx.createOscillator(), gain = ctx.createGain();
    osc.frequency.value = 880; gain.gain.value = 0.2;
    osc.connect(gain); gain.connect(ctx.destination);
    osc.start(); osc.stop(ctx.currentTime + 0.25);
  }

  function checkUrgent() {
    var marker = document.getElementById("urgent-waiting");
    var box = document.getElementById("alert-options");
    if (!marker) { return; }
    var count = parseInt(marker.getAttribute("data-count"), 10) || 0;
    var base = document.title.replace(/^\(\d+\) /, "");
    document.title = (count > 0 ? "(" + count + ") " : "") + base;
    if (lastUrgent !== null && count > lastUrgent && box) {
      var prefs = alertPrefs(box).prefs;
      if (prefs.sound) { beep(); }
      if (prefs.desktop && window.Notification && Notification.permission === "granted") {
        new Notification("Roadside console", { body: count + " urgent item" + (count === 1 ? "" : "s") +
          " waiting", tag: "roadside-urgent" });
      }
    }
    lastUrgent = count;
  }

  function setUpAlerts(box) {
    var stored = alertPrefs(box);
    box.querySelectorAll("input[type=checkbox][name]").forEach(function (input) {
      input.checked = !!stored.prefs[input.name];
      input.addEventListener("change", function () {
        var current = alertPrefs(box);
        current.prefs[input.name] = input.checked;
        window.localStorage.setItem(current.key, JSON.stringify(current.prefs));
        if (input.name === "desktop" && input.checked && window.Notification &&
            Notification.permission === "default") {
          Notification.requestPermission();
        }
      });
    });
  }

  /* The claim's idle countdown on the item page. */
  function tickCountdowns() {
    document.querySelectorAll(".countdown[data-deadline]").forEach(function (el) {
      var left = Math.max(0, Math.floor((parseInt(el.getAttribute("data-deadline"), 10) - Date.now()) / 1000));
      el.textContent = formatWait(left);
      el.classList.toggle("wait-amber", left > 0 && left < 120);
      el.classList.toggle("wait-red", left === 0);
    });
  }

  /* Times in the agent's own zone, with the date and the zone's name. */
  var LOCAL = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
                timeZoneName: "short" };

  function localTimes(root) {
    (root || document).querySelectorAll("time.local[datetime]").forEach(function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (!isNaN(when.getTime())) { el.textContent = when.toLocaleString(undefined, LOCAL); }
    });
  }

  function scrollTranscript() {
    document.querySelectorAll("ol.transcript").forEach(function (list) { list.scrollTop = list.scrollHeight; });
  }

  /* Scrolled to the newest message when the transcript is (re)loaded, not on every poll. */
  var seenTranscript = null;
  function newTranscript() {
    var shown = document.getElementById("transcript");
    if (shown && shown !== seenTranscript) { seenTranscript = shown; scrollTranscript(); }
  }

  function setUpCanned(select) {
    select.addEventListener("change", function () {
      var box = document.getElementById(select.getAttribute("data-target"));
      if (!box || !select.value) { return; }
      box.value = box.value.trim() ? box.value.replace(/\s+$/, "") + "\n" + select.value : select.value;
      box.dispatchEvent(new Event("input"));
      box.focus();
      select.value = "";
    });
  }

  /* Keys: n next item, c claim (or open) it, r focus the reply, Ctrl/Cmd+Enter send. */
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function rowAction(row) {
    return row && row.querySelector("td.claim button, td.claim a.button");
  }

  /* A poll re-renders the queue rows: the row the agent moved to with "n" keeps the focus. */
  var focusedRef = null;
  function rememberFocus() {
    var row = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("table.queue tbody tr[data-ref]") : null;
    focusedRef = row ? row.getAttribute("data-ref") : null;
  }

  function restoreFocus() {
    if (!focusedRef) { return; }
    var rows = document.querySelectorAll("table.queue tbody tr[data-ref]");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute("data-ref") === focusedRef && rowAction(rows[i])) {
        rowAction(rows[i]).focus({ preventScroll: true });
        break;
      }
    }
    focusedRef = null;
  }

  function onKey(event) {
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter" && event.target.tagName === "TEXTAREA") {
      var send = event.target.form && event.target.form.querySelector("button[type=submit]");
      if (send && !send.disabled) { event.preventDefault(); event.target.form.requestSubmit(send); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var rows = Array.prototype.slice.call(document.querySelectorAll("table.queue tbody tr")).filter(rowAction);
    var current = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest("table.queue tbody tr") : null;
    if (event.key === "n" && rows.length) {
      var next = rows[(rows.indexOf(current) + 1) % rows.length];
      rowAction(next).focus();
      next.scrollIntoView({ block: "nearest" });
    } else if (event.key === "c" && rows.length) {
      rowAction(current && rows.indexOf(current) >= 0 ? current : rows[0]).click();
    } else if (event.key === "r" && document.getElementById("reply-text")) {
      event.preventDefault();
      document.getElementById("reply-text").focus();
    }
  }

  /* A poll keeps the session alive only when the agent used the page since the last poll. */
  var activeSincePoll = false;
  function markActive() { activeSincePoll = true; }

  function onPoll(event) {
    if (activeSincePoll) { event.detail.headers["X-Console-Active"] = "1"; }
    activeSincePoll = false;
  }

  function setUp() {
    ["keydown", "mousedown", "mousemove", "scroll", "touchstart"].forEach(function (name) {
      document.addEventListener(name, markActive, { passive: true });
    });
    document.body.addEventListener("htmx:configRequest", onPoll);
    document.querySelectorAll("textarea[data-counter]").forEach(setUpCounter);
    document.querySelectorAll("select[data-target]").forEach(setUpCanned);
    document.addEventListener("keydown", onKey);
    localTimes();
    newTranscript();
    tickCountdowns();
    window.setInterval(tickCountdowns, 1000);
    document.body.addEventListener("htmx:beforeSwap", rememberFocus);
    document.body.addEventListener("htmx:afterSettle", function () {
      localTimes();
      newTranscript();
      restoreFocus();
    });
    document.documentElement.setAttribute("data-console-ready", "1");
    var alerts = document.getElementById("alert-options");
    if (alerts) { setUpAlerts(alerts); }
    checkUrgent();
    document.body.addEventListener("htmx:afterSwap", checkUrgent);
    tickWaits();
    window.setInterval(tickWaits, 1000);
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setUp); }
  else { setUp(); }
})();
