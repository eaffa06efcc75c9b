// The agent inbox's alerts and composer. Alerts: the tab title and favicon count the
// chats with something unread and those waiting in the queue; when either grows, a short
// sound (switchable, remembered by this browser) and, once allowed, a desktop
// notification, while the agent is Online (Idle: title and favicon only). Composer:
// Enter sends, Shift+Enter adds a line, "/" opens the quick replies, filtered as one
// types, and inserts the chosen text for editing. Actions on the open chat run without a
// page load. Without JavaScript the page works as plain forms.
(function () {
  var controls = document.getElementById("alert-controls");
  var statusMeta = document.querySelector('meta[name="agent-status"]');
  var status = statusMeta ? statusMeta.content : "offline";
  var baseTitle = document.title;
  var SOUND_KEY = "sellerdesk-sound";

  function counts() {
    var el = document.querySelector(".alert-counts");
    if (!el) return { unread: 0, queued: 0 };
    return { unread: Number(el.dataset.unread) || 0, queued: Number(el.dataset.queued) || 0 };
  }

  function favicon(n) {
    var link = document.querySelector('link[rel="icon"]');
    if (!link) {
      link = document.createElement("link");
      link.rel = "icon";
      document.head.appendChild(link);
    }
    var canvas = document.createElement("canvas");
    canvas.width = canvas.height = 32;
    var g = canvas.getContext("2d");
    if (!g) return;
    g.fillStyle = "#1f6feb";
    g.fillRect(2, 6, 24, 18);
    if (n > 0) {
      g.fillStyle = "#d1242f";
      g.beginPath();
      g.arc(23, 9, 9, 0, 2 * Math.PI);
      g.fill();
      g.fillStyle = "#ffffff";
      g.font = "bold 12px sans-serif";
      g.textAlign = "center";
      g.textBaseline = "middle";
      g.fillText(n > 9 ? "9+" : String(n), 23, 10);
    }
    link.href = canvas.toDataURL("image/png");
  }

  function show(c) {
    var n = c.unread + c.queued;
    document.title = n > 0 ? "(" + n + ") " + baseTitle : baseTitle;
    favicon(n);
  }

  function soundOn() { return localStorage.getItem(SOUND_KEY) !== "off"; }

  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      var audio = new Context();
      var tone = audio.createOscillator();
      var gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.setValueAtTime(0.15, audio.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.25);
      tone.connect(gain);
      gain.connect(audio.destination);
      tone.start();
      tone.stop(audio.currentTime + 0.25);
    } catch (e) { /* a browser that refuses sound before a click: stay quiet */ }
  }

  function notify(text) {
    if (!window.Notification || Notification.permission !== "granted" || !document.hidden) return;
    try { new Notification(baseTitle, { body: text }); } catch (e) { /* not allowed here */ }
  }

  var last = counts();
  show(last);
  document.addEventListener("live:refreshed", function () {
    var now = counts();
    var more = now.unread > last.unread || now.queued > last.queued;
    if (more && status === "online" && controls) {
      if (soundOn()) beep();
      notify(now.unread > last.unread ? controls.dataset.notifyUnread : controls.dataset.notifyQueue);
    }
    last = now;
    show(now);
  });

  if (controls) {
    controls.hidden = false;
    var sound = document.getElementById("sound-toggle");
    var paint = function () {
      var on = soundOn();
      sound.textContent = on ? controls.dataset.soundOn : controls.dataset.soundOff;
      sound.setAttribute("aria-pressed", on ? "true" : "false");
    };
    sound.addEventListener("click", function () {
      localStorage.setItem(SOUND_KEY, soundOn() ? "off" : "on");
      paint();
    });
    paint();
    var ask = document.getElementById("notify-toggle");
    if (!window.Notification || Notification.permission !== "default") {
      ask.hidden = true;
    } else {
      ask.addEventListener("click", function () {
        Notification.requestPermission().then(function () { ask.hidden = true; });
      });
    }
  }

  // The composer.
  function composer() {
  var box = document.getElementById("reply-text");
  if (!box) return;
  var picker = document.getElementById("quick-picker");
  var active = -1;
  function options() {
    return picker ? Array.prototype.filter.call(picker.children, function (li) { return !li.hidden; }) : [];
  }
  function mark(i) {
    var list = options();
    list.forEach(function (li, j) { li.setAttribute("aria-selected", j === i ? "true" : "false"); });
    active = list.length ? Math.max(0, Math.min(i, list.length - 1)) : -1;
  }
  function closePicker() { if (picker) { picker.hidden = true; active = -1; } }
  function choose(li) {
    box.value = li.dataset.text;
    closePicker();
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  }
  function filter() {
    if (!picker) return;
    var typed = box.value;
    if (typed.charAt(0) !== "/" || typed.indexOf("\n") !== -1) { closePicker(); return; }
    var query = typed.slice(1).toLowerCase();
    var any = false;
    Array.prototype.forEach.call(picker.children, function (li) {
      var hit = li.dataset.shortcut.toLowerCase().indexOf(query) !== -1 ||
        li.dataset.text.toLowerCase().indexOf(query) !== -1;
      li.hidden = !hit;
      any = any || hit;
    });
    picker.hidden = !any;
    mark(0);
  }
  box.addEventListener("input", filter);
  if (picker) {
    picker.addEventListener("mousedown", function (e) {
      var li = e.target.closest("li");
      if (li) { e.preventDefault(); choose(li); }
    });
  }
  box.addEventListener("keydown", function (e) {
    var open = picker && !picker.hidden;
    if (open && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      mark(active + (e.key === "ArrowDown" ? 1 : -1));
      return;
    }
    if (open && e.key === "Escape") { closePicker(); return; }
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (open && active >= 0) { choose(options()[active]); return; }
      if (box.value.trim() !== "") box.form.requestSubmit();
    }
  });
  }
  composer();

  // Actions on the open chat (send, note, take, transfer, close, reopen) without a
  // page load: the form is posted in the background and the list, the chat and the
  // messages of the answer take the place of the old ones, so the agent keeps their
  // place. Anything unexpected falls back to the plain form.
  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var main = document.getElementById("main");
    var freshMain = fresh.getElementById("main");
    if (!main || !freshMain || !fresh.querySelector(".inbox")) return false;
    main.querySelectorAll(":scope > .flash").forEach(function (f) { f.remove(); });
    Array.prototype.slice.call(freshMain.querySelectorAll(":scope > .flash")).reverse()
      .forEach(function (f) { main.insertBefore(document.importNode(f, true), main.firstChild); });
    ["#inbox-list", ".inbox-open"].forEach(function (sel) {
      var mine = document.querySelector(sel);
      var theirs = fresh.querySelector(sel);
      if (mine && theirs) mine.innerHTML = theirs.innerHTML;
    });
    var inbox = document.querySelector(".inbox");
    var freshInbox = fresh.querySelector(".inbox");
    if (inbox && freshInbox) inbox.className = freshInbox.className;
    document.querySelectorAll(".history").forEach(function (list) { list.scrollTop = list.scrollHeight; });
    composer();
    var reply = document.getElementById("reply-text");
    if (reply) reply.focus();
    document.dispatchEvent(new CustomEvent("live:refreshed"));
    return true;
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.closest || !form.closest(".inbox-open") || form.method.toLowerCase() !== "post") return;
    if (!window.fetch || !window.DOMParser || !window.URLSearchParams) return;
    e.preventDefault();
    var data = new URLSearchParams(new FormData(form, e.submitter || undefined));
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    })
      .then(function (response) {
        return response.text().then(function (html) { return { html: html, url: response.url }; });
      })
      .then(function (answer) {
        if (!swap(answer.html)) { window.location.href = answer.url; return; }
        if (answer.url) history.replaceState(null, "", answer.url);
      })
      .catch(function () { form.submit(); });
  });
})();
