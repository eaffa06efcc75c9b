// Live updates for Webchat and the buyer chat page. The server sends each event with
// the HTML of what it changed (a list row, a history line, a header), rendered for this
// page's language and time zone; the page puts those parts in place and never fetches
// itself again because of an event.
//
// All tabs of one browser share one event connection (a browser allows six per host):
// the tab holding a Web Lock opens it and relays every event to the others through a
// BroadcastChannel; when it closes, another tab takes over from the last event it saw.
// A tab that joins asks for what came since its page was rendered. Without JavaScript,
// pages still work on reload.
(function () {
  "use strict";
  // The conversation opens at its newest message and follows new ones while the reader
  // is at the bottom; someone reading older messages gets a "new messages" button.
  function atBottom(list) {
    return list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  }
  function toNewest(list) { list.scrollTop = list.scrollHeight; }
  function newButton() { return document.getElementById("new-messages"); }
  function watchHistory() {
    var list = document.getElementById("history");
    if (!list) return;
    toNewest(list);
    list.addEventListener("scroll", function () {
      var button = newButton();
      if (button && atBottom(list)) button.hidden = true;
    });
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("#new-messages");
    var list = document.getElementById("history");
    if (!button || !list) return;
    toNewest(list);
    button.hidden = true;
  });
  watchHistory();

  function parse(html) {
    if (!html) return null;
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  }

  var live = {
    parse: parse,
    watchHistory: watchHistory,
    // Adds a line to the open history, once; says whether it is new.
    append: function (html) {
      var list = document.getElementById("history");
      var node = parse(html);
      if (!list || !node || list.dataset.lookingBack) return false;
      var old = node.id && document.getElementById(node.id);
      if (old) { old.replaceWith(node); return false; }
      var follow = atBottom(list);
      var empty = document.getElementById("chat-empty");
      if (empty) empty.hidden = true;
      list.appendChild(node);
      if (follow) {
        toNewest(list);
      } else if (newButton()) {
        newButton().hidden = false;
      }
      return true;
    },
    // The page was replaced by one rendered after event `id`.
    seen: function (id) { if (id > last) last = id; },
    atBottom: function () {
      var list = document.getElementById("history");
      return !list || atBottom(list);
    }
  };
  window.SellerdeskLive = live;

  // The buyer page: the chat's lines and whether it was closed (the inbox has its own).
  document.addEventListener("live:event", function (e) {
    if (document.getElementById("inbox-list")) return;
    var data = e.detail.data;
    if (data.stale) {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          var fresh = html && new DOMParser().parseFromString(html, "text/html").getElementById("history");
          var list = document.getElementById("history");
          if (fresh && list) { list.innerHTML = fresh.innerHTML; toNewest(list); }
        })
        .catch(function () {});
      return;
    }
    if (data.line) live.append(data.line);
    var notice = document.getElementById("chat-closed");
    if (data.c.open) {
      if (notice) notice.remove();
    } else if (data.closed) {
      live.append(data.closed);
    }
  });

  var marker = document.querySelector('meta[name="live-events"]');
  if (!marker || !window.EventSource) return;
  var url = marker.content;
  var last = Number(marker.dataset.after) || 0;

  function deliver(id, data) {
    if (id <= last) return;
    last = id;
    document.dispatchEvent(new CustomEvent("live:event", { detail: { id: id, data: data } }));
  }

  // The stream, read by this tab; `relay` passes each message on to the other tabs.
  function connect(relay) {
    var source = new EventSource(url + (url.indexOf("?") < 0 ? "?" : "&") + "after=" + last);
    source.addEventListener("chat", function (e) {
      var data;
      try { data = JSON.parse(e.data); } catch (x) { return; }
      var message = { type: "event", id: Number(e.lastEventId), data: data };
      if (relay) relay(message);
      deliver(message.id, data);
    });
    // More was missed than the server replays: start afresh.
    source.addEventListener("reload", function () {
      if (relay) relay({ type: "reload" });
      window.location.reload();
    });
    // Refused for good (too many streams, signed out): try again a little later.
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) return;
      setTimeout(function () { connect(relay); }, 10000);
    });
  }

  var shared = window.BroadcastChannel && navigator.locks && navigator.locks.request;
  if (!shared) { connect(null); return; }

  var name = "sellerdesk-live:" + url;
  var channel = new BroadcastChannel(name);
  // What the leading tab relayed lately, for tabs that join.
  var recent = [];
  var RECENT = 300;
  var leading = false;
  var since = 0;

  channel.onmessage = function (e) {
    var message = e.data || {};
    if (message.type === "event") {
      deliver(message.id, message.data);
    } else if (message.type === "reload") {
      window.location.reload();
    } else if (message.type === "hello" && leading) {
      // A tab joined: what it missed since its page, if this tab has all of it.
      if (message.after < since) { channel.postMessage({ type: "behind", tab: message.tab }); return; }
      recent.forEach(function (m) { if (m.id > message.after) channel.postMessage(m); });
    } else if (message.type === "behind" && message.tab === tab) {
      window.location.reload();
    }
  };
  var tab = Math.random().toString(36).slice(2);
  channel.postMessage({ type: "hello", after: last, tab: tab });

  navigator.locks.request(name, function () {
    leading = true;
    since = last;
    connect(function (message) {
      if (message.type === "event") {
        recent.push(message);
        if (recent.length > RECENT) since = recent.shift().id;
      }
      channel.postMessage(message);
    });
    // Held until the tab goes away; then another tab leads.
    return new Promise(function () {});
  });
})();
