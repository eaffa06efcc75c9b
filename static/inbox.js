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

  var list = document.getElementById("inbox-list");
  var me = list ? Number(list.dataset.me) : 0;
  var queue = "all";
  try { queue = list ? JSON.parse(list.dataset.queue) : "all"; } catch (e) { /* keep "all" */ }
  // The viewer's chats with something unread and the chats waiting in their queue, by
  // id: events move chats in and out, the title counts them.
  var unread = new Set();
  var queued = new Set();
  function seed() {
    var el = document.querySelector(".alert-counts");
    var ids = function (text) {
      return (text || "").split(",").filter(Boolean).map(Number);
    };
    unread = new Set(el ? ids(el.dataset.unread) : []);
    queued = new Set(el ? ids(el.dataset.queued) : []);
  }
  seed();
  function counts() { return { unread: unread.size, queued: queued.size }; }

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
  function recount() {
    var now = counts();
    var more = now.unread > last.unread || now.queued > last.queued;
    if (more && status === "online" && controls) {
      if (soundOn()) beep();
      notify(now.unread > last.unread ? controls.dataset.notifyUnread : controls.dataset.notifyQueue);
    }
    last = now;
    show(now);
  }

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
  function swap(html, parts) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var main = document.getElementById("main");
    var freshMain = fresh.getElementById("main");
    if (!main || !freshMain || !fresh.querySelector(".inbox")) return false;
    main.querySelectorAll(":scope > .flash").forEach(function (f) { f.remove(); });
    Array.prototype.slice.call(freshMain.querySelectorAll(":scope > .flash")).reverse()
      .forEach(function (f) { main.insertBefore(document.importNode(f, true), main.firstChild); });
    (parts || ["#inbox-list", ".inbox-open"]).forEach(function (sel) {
      var mine = document.querySelector(sel);
      var theirs = fresh.querySelector(sel);
      if (mine && theirs) mine.innerHTML = theirs.innerHTML;
    });
    var inbox = document.querySelector(".inbox");
    var freshInbox = fresh.querySelector(".inbox");
    if (inbox && freshInbox) inbox.className = freshInbox.className;
    var marker = fresh.querySelector('meta[name="live-events"]');
    if (marker && window.SellerdeskLive) window.SellerdeskLive.seen(Number(marker.dataset.after) || 0);
    if (window.SellerdeskLive) window.SellerdeskLive.watchHistory();
    composer();
    seed();
    recount();
    return true;
  }
  function formBody(form, submitter) {
    var data = new FormData(form, submitter || undefined);
    // Files go as multipart, like the plain form; text as the plain form does too.
    return form.enctype === "multipart/form-data" ? data : new URLSearchParams(data);
  }
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.closest || !form.closest(".inbox-open") || form.method.toLowerCase() !== "post") return;
    if (!window.fetch || !window.DOMParser || !window.URLSearchParams) return;
    e.preventDefault();
    fetch(form.action, {
      method: "POST",
      body: formBody(form, e.submitter),
      credentials: "same-origin",
      headers: { "Accept": "text/html" }
    })
      .then(function (response) {
        return response.text().then(function (html) { return { html: html, url: response.url }; });
      })
      .then(function (answer) {
        if (!swap(answer.html)) { window.location.href = answer.url; return; }
        var reply = document.getElementById("reply-text");
        if (reply) reply.focus();
        if (answer.url) history.replaceState(null, "", answer.url);
      })
      .catch(function () { form.submit(); });
  });

  // Live events: each carries the conversation as it is now and its parts as HTML.
  function csrf() {
    var field = document.querySelector('input[name="csrf_token"]');
    return field ? field.value : "";
  }
  function inQueue(c) {
    if (!c.open || c.assignee !== null) return false;
    if (queue === "all") return true;
    return queue.sources.some(function (s) { return s[0] === c.store && s[1] === c.source; }) ||
      (c.group !== null && queue.groups.indexOf(c.group) !== -1);
  }
  function belongs(c) {
    if (!list) return false;
    if (list.dataset.store && Number(list.dataset.store) !== c.store) return false;
    if (list.dataset.tab === "mine") return c.open && c.assignee === me;
    if (list.dataset.tab === "queue") return inQueue(c);
    return true;
  }
  // Row keys are "time_id"; times compare as text (same format), ids as numbers.
  function compare(a, b) {
    var x = a.split("_"), y = b.split("_");
    if (x[0] !== y[0]) return x[0] < y[0] ? -1 : 1;
    return Number(x[1]) - Number(y[1]);
  }
  function placeRow(c, html) {
    var rows = document.getElementById("conversation-list");
    if (!rows) return;
    var old = document.getElementById("row-" + c.id);
    var node = window.SellerdeskLive.parse(html);
    if (!belongs(c) || !node) {
      if (old) old.remove();
    } else {
      if (c.assignee !== me) node.querySelectorAll(".row-unread").forEach(function (b) { b.remove(); });
      if (list.dataset.search) {
        // A search shows what matched when it ran: rows there change, none arrive.
        if (old) old.replaceWith(node);
      } else {
        if (old) old.remove();
        var oldestFirst = list.dataset.tab === "queue";
        // A row waits since its last message unless it says otherwise.
        var keyOf = function (row) { return oldestFirst ? row.dataset.waiting || row.dataset.at : row.dataset.at; };
        var key = keyOf(node);
        var before = Array.prototype.find.call(rows.children, function (row) {
          var order = compare(keyOf(row), key);
          return oldestFirst ? order > 0 : order < 0;
        });
        // After the last row of a page that has more: it belongs on a later page.
        if (before || !document.getElementById("list-more")) rows.insertBefore(node, before || null);
      }
    }
    var empty = document.getElementById("list-empty");
    if (empty) empty.hidden = rows.children.length > 0;
  }
  var CHANGES = ["assigned", "taken", "transferred", "returned", "closed", "reopened"];
  // The open chat's forms depend on who owns it: when someone else changed that, the
  // chat is fetched again, keeping what the agent was typing.
  function refreshOpen() {
    var typed = document.getElementById("reply-text");
    var draft = typed ? typed.value : "";
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html) swap(html, [".inbox-open"]);
        var box = document.getElementById("reply-text");
        if (box && draft) box.value = draft;
      })
      .catch(function () {});
  }
  var reading = null;
  function markRead(id) {
    if (reading || document.hidden) return;
    reading = fetch("/webchat/conversations/" + id + "/read", {
      method: "POST",
      body: new URLSearchParams({ csrf_token: csrf() }),
      credentials: "same-origin"
    }).catch(function () {}).then(function () { reading = null; });
  }
  function openChat() {
    var history = document.getElementById("history");
    return history ? Number(history.dataset.conversation) : 0;
  }
  document.addEventListener("visibilitychange", function () {
    var id = openChat();
    if (!document.hidden && id && unread.has(id) && window.SellerdeskLive.atBottom()) markRead(id);
  });
  document.addEventListener("live:event", function (e) {
    var data = e.detail.data;
    if (data.stale) { refreshOpen(); return; }
    var c = data.c;
    if (c.open && c.assignee === me && c.unread > 0) unread.add(c.id); else unread.delete(c.id);
    if (inQueue(c)) queued.add(c.id); else queued.delete(c.id);
    placeRow(c, data.row);
    if (openChat() === c.id) {
      var head = document.getElementById("chat-head");
      var fresh = window.SellerdeskLive.parse(data.head);
      if (head && fresh) head.replaceWith(fresh);
      if (data.line) window.SellerdeskLive.append(data.line);
      if (CHANGES.indexOf(data.kind) !== -1 && data.actor !== me) refreshOpen();
      if (unread.has(c.id) && window.SellerdeskLive.atBottom()) markRead(c.id);
    }
    recount();
  });
})();
