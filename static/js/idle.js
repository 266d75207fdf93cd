/* Idle logout: warn a signed-in user before the session ends, and keep every tab in step.
 *
 * All tabs share one "last activity" time in localStorage, so activity, the keep-alive click
 * and the logout in one tab are seen by the others (the `storage` event). The server keeps
 * its own copy of the time (portal/idle.py): pings tell it about activity that made no
 * request, such as typing a long article in the admin. When storage is blocked each tab
 * counts alone, and the server, which every tab's pings reach, refuses to end a session it
 * saw in use; the tab then counts again from the server's time. Plain JavaScript, no
 * dependencies.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("idle-dialog");
  if (!dialog || !window.fetch) {
    return; // Without fetch the server still enforces the limit; only the warning is lost.
  }
  var config = dialog.dataset;
  var timeout = Number(config.timeout) * 1000;
  var warning = Math.max(0, Number(config.warning) * 1000 || 0);
  if (!(timeout > 0)) {
    return;
  }
  // Pings at most once a minute, and well before the warning, whatever the timeout.
  var pingEvery = Math.min(timeout / 4, 60000);
  var keepButton = dialog.querySelector("[data-idle-keep]");
  var counter = dialog.querySelector("[data-idle-count]");
  var logoutPaths = (config.logoutUrls || "").split(/\s+/).filter(Boolean);

  var KEY_LAST = "portal-idle:last";
  var KEY_PING = "portal-idle:ping";
  var KEY_LOGOUT = "portal-idle:logout";
  var ACTIVITY = [
    "keydown", "input", "compositionupdate", "mousedown", "pointerdown", "mousemove",
    "wheel", "touchstart", "scroll"
  ];

  var loadedAt = Date.now();
  var lastActivity = loadedAt; // this tab's own; the shared value may be newer
  var lastWritten = 0;
  var pingTimer = null;
  var warningShown = false;
  var leaving = false;
  var departure = null;
  var fallback = null; // leaves should the tab that claimed the logout never report back
  var focusBefore = null;
  var memory = {};

  // Storage may be off (privacy settings) or full: the tab then works on its own.
  function read(key) {
    try {
      var value = window.localStorage.getItem(key);
      return value === null ? memory[key] || null : value;
    } catch (e) {
      return memory[key] || null;
    }
  }

  function write(key, value) {
    memory[key] = String(value);
    try {
      window.localStorage.setItem(key, String(value));
    } catch (e) {
      /* kept in memory only */
    }
  }

  function readTime(key) {
    return Number(String(read(key) || "").split(":").pop()) || 0;
  }

  function sharedLast() {
    return Math.max(lastActivity, readTime(KEY_LAST));
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : config.csrf;
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "XMLHttpRequest",
        Accept: "application/json"
      },
      body: body
    });
  }

  function here() {
    return window.location.pathname + window.location.search;
  }

  function loginPage() {
    var url = config.loginUrl;
    // Slashes left readable, as Django writes them in its own redirects to the login page.
    var next = encodeURIComponent(here()).replace(/%2F/g, "/");
    return url + (url.indexOf("?") < 0 ? "?" : "&") + "next=" + next;
  }

  // --- Activity --------------------------------------------------------------------------

  function onActivity() {
    // While the warning is up only its button counts: a bumped mouse must not hide it.
    if (warningShown || leaving) {
      return;
    }
    lastActivity = Date.now();
    // mousemove fires dozens of times a second; other tabs need the time to about a second.
    if (lastActivity - lastWritten >= 1000) {
      flush();
    }
    schedulePing();
  }

  function flush() {
    lastWritten = lastActivity;
    // Never move the shared time back past a newer activity of another tab.
    if (lastActivity > readTime(KEY_LAST)) {
      write(KEY_LAST, lastActivity);
    }
  }

  function watch(doc) {
    ACTIVITY.forEach(function (type) {
      doc.addEventListener(type, onActivity, { capture: true, passive: true });
    });
  }

  // Rich-text editors (CKEditor in the admin) type into same-origin iframes whose events
  // never reach this document; they are watched too, including ones created later.
  var watchedFrames = typeof WeakSet === "function" ? new WeakSet() : null;

  function watchFrames() {
    if (!watchedFrames) {
      return;
    }
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      try {
        var doc = frames[i].contentDocument;
        if (doc && !watchedFrames.has(doc)) {
          watchedFrames.add(doc);
          watch(doc);
        }
      } catch (e) {
        /* another origin's frame */
      }
    }
  }

  // --- Pings -----------------------------------------------------------------------------

  // A trailing ping follows the last activity: the server then has seen the user at least as
  // recently as this countdown assumes, and never ends the session before it does.
  function schedulePing() {
    if (pingTimer === null) {
      pingTimer = window.setTimeout(maybePing, 0);
    }
  }

  function maybePing() {
    pingTimer = null;
    if (leaving) {
      return;
    }
    var lastPing = readTime(KEY_PING);
    if (sharedLast() <= lastPing) {
      return; // nothing new since the last ping of any tab
    }
    var wait = lastPing + pingEvery - Date.now();
    if (wait > 0) {
      pingTimer = window.setTimeout(maybePing, wait);
      return;
    }
    ping();
  }

  function ping() {
    var previous = read(KEY_PING);
    write(KEY_PING, Date.now());
    return post(config.keepaliveUrl)
      .then(function (response) {
        response.text(); // read and dropped: an unread body holds the request open
        if (response.status === 401) {
          sessionEnded();
        } else if (!response.ok && previous !== null) {
          write(KEY_PING, previous); // let the next activity try again
        }
      })
      .catch(function () {
        if (previous !== null) {
          write(KEY_PING, previous);
        }
      });
  }

  // --- Warning ---------------------------------------------------------------------------

  function showWarning(seconds) {
    counter.textContent = String(seconds);
    if (warningShown) {
      return;
    }
    warningShown = true;
    focusBefore = document.activeElement;
    if (typeof dialog.showModal === "function") {
      dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
    keepButton.focus();
  }

  function hideWarning() {
    if (!warningShown) {
      return;
    }
    warningShown = false;
    if (typeof dialog.close === "function") {
      dialog.close();
    } else {
      dialog.removeAttribute("open");
    }
    // Back to the sentence the user was writing.
    if (focusBefore && focusBefore !== document.body && document.contains(focusBefore)) {
      try {
        focusBefore.focus({ preventScroll: true });
      } catch (e) {
        /* element no longer focusable */
      }
    }
    focusBefore = null;
  }

  function keepSession() {
    if (leaving) {
      return;
    }
    hideWarning();
    lastActivity = Date.now();
    flush();
    if (pingTimer !== null) {
      window.clearTimeout(pingTimer);
      pingTimer = null;
    }
    // At once, not throttled: the server's limit may be seconds away.
    ping();
  }

  // --- Logout ----------------------------------------------------------------------------

  // KEY_LOGOUT holds "<what>:<time>": "expiring" while a tab asks the server to log out,
  // "kept" when the server refused, "idle" or "ended" once the session is gone, "manual"
  // when a logout form was sent.
  function leaveFor(url, delay) {
    leaving = true;
    hideWarning();
    if (departure === null) {
      departure = window.setTimeout(function () {
        window.location.replace(url);
      }, delay || 0);
    }
  }

  // The server says the session is gone (ended in another browser, or idle on its clock).
  function sessionEnded() {
    if (!leaving) {
      write(KEY_LOGOUT, "ended:" + Date.now());
      leaveFor(loginPage());
    }
  }

  function leaveLater(delay) {
    if (fallback === null) {
      fallback = window.setTimeout(function () {
        leaveFor(loginPage());
      }, delay);
    }
  }

  // Back to counting after a logout was called off; a tab on its way out, or leaving for a
  // reason of its own (a logout form), stays on that way.
  function stay() {
    if (departure !== null || fallback === null) {
      return;
    }
    window.clearTimeout(fallback);
    fallback = null;
    leaving = false;
    tick();
  }

  function expire() {
    if (leaving) {
      return;
    }
    leaving = true;
    hideWarning();
    // Claim the logout, so that the other tabs, whose countdowns end at the same moment,
    // wait for this one instead of racing it to the server.
    write(KEY_LOGOUT, "expiring:" + Date.now());
    // A server that does not answer must not leave the page signed in on screen.
    leaveLater(8000);
    var body = new URLSearchParams();
    body.append("next", here());
    post(config.expireUrl, body)
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .catch(function () {
        return {};
      })
      .then(function (answer) {
        if (answer && answer.ok === false && answer.remaining > 0) {
          stayFor(answer.remaining);
        } else {
          write(KEY_LOGOUT, "idle:" + Date.now());
          leaveFor((answer && answer.redirect) || loginPage());
        }
      });
  }

  // The server saw the user at work in a tab this one cannot hear from: take that activity
  // as this tab's own, so that the warning comes when the server's timeout is reached.
  function stayFor(remaining) {
    if (departure !== null) {
      return; // the fallback already gave up on the answer
    }
    lastActivity = Math.max(lastActivity, Date.now() + remaining * 1000 - timeout);
    flush();
    // Tabs that saw the claim are waiting to leave; the time above reaches them first.
    write(KEY_LOGOUT, "kept:" + Date.now());
    stay();
  }

  function onStorage(event) {
    if (event.key === KEY_LOGOUT && event.newValue) {
      var what = event.newValue.split(":")[0];
      if (what === "expiring") {
        leaving = true;
        hideWarning();
        // Should that tab be closed before it reports back, go anyway.
        leaveLater(5000);
      } else if (what === "kept") {
        stay();
      } else {
        // The tab that logged out goes first and shows the login page's message; a
        // logout form is still on its way to the server when its tab announces it.
        leaveFor(loginPage(), what === "manual" ? 1000 : 400);
      }
    } else if (event.key === KEY_LAST) {
      tick();
    }
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form || !form.action || (form.method || "").toLowerCase() !== "post") {
      return;
    }
    var path = new URL(form.action, window.location.href).pathname;
    if (logoutPaths.indexOf(path) >= 0) {
      leaving = true;
      write(KEY_LOGOUT, "manual:" + Date.now());
    }
  }

  // --- Clock -----------------------------------------------------------------------------

  function tick() {
    if (leaving) {
      return;
    }
    watchFrames();
    if (lastActivity > lastWritten) {
      flush();
    }
    var idle = Date.now() - sharedLast();
    if (idle >= timeout + warning) {
      expire();
    } else if (idle >= timeout) {
      showWarning(Math.ceil((timeout + warning - idle) / 1000));
    } else {
      hideWarning();
    }
  }

  keepButton.addEventListener("click", keepSession);
  dialog.addEventListener("cancel", function (event) {
    // Escape means "I am here": keep the session rather than close a warning that would
    // come back a moment later.
    event.preventDefault();
    keepSession();
  });
  watch(document);
  document.addEventListener("submit", onSubmit, true);
  window.addEventListener("storage", onStorage);
  document.addEventListener("visibilitychange", tick);
  window.addEventListener("pageshow", function (event) {
    // A page restored from the back-forward cache after a logout must not look signed in.
    var logout = String(read(KEY_LOGOUT) || "");
    if (event.persisted && logout.indexOf("kept:") !== 0 && readTime(KEY_LOGOUT) > loadedAt) {
      window.location.replace(loginPage());
    }
  });

  // Opening a page is activity, and the request that opened it may not have refreshed the
  // server's copy of the time (it is refreshed at most once a minute).
  flush();
  schedulePing();
  window.setInterval(tick, 500);
})();
