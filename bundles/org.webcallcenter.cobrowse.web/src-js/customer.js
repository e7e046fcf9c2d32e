/*
 * Web Call Center co-browsing, customer side. Load it from the hub, after which the page calls
 * WccCobrowse.start() when the customer agrees to share the page (for example from a "Browse together" button):
 *
 *   <script src="https://HUB/cobrowse/cobrowse.js"></script>
 *
 * Masking by default, before anything leaves the browser:
 *   - every input, textarea and select value is masked; an element (or an ancestor) marked data-wcc-unmask is
 *     sent in clear, except passwords and fields with credit-card or password autocomplete, which never are;
 *   - text inside [data-wcc-mask] or .wcc-mask is masked (account and depot numbers);
 *   - elements marked [data-wcc-block] or .wcc-block are not recorded at all (the agent sees an empty box).
 * While a session runs a banner shows the join code and a Stop button. Agent guidance (highlight, pointer,
 * "go to this page" on the same site, which the customer accepts or declines) is shown on the page.
 * The session survives page changes within the site (the token lives in sessionStorage of this tab).
 */
(function () {
  'use strict';
  if (window.WccCobrowse) {
    return;
  }
  var rrweb = window.rrweb;
  var scriptUrl = new URL(document.currentScript.src, location.href);
  var socketUrl = scriptUrl.origin.replace(/^http/, 'ws') + '/cobrowse/ws/customer';
  var TOKEN_KEY = 'wcc-cobrowse-token';
  var PING_MS = 15000;
  var BATCH_MS = 40;
  var MAX_QUEUE = 5000;

  var socket = null;
  var stopRecording = null;
  var queue = [];
  var flushTimer = null;
  var pingTimer = null;
  var reconnectDelay = 500;
  var session = null;
  var stopping = false;
  var listeners = [];
  var state = 'idle';

  function setState(s, detail) {
    state = s;
    listeners.forEach(function (l) {
      try { l(s, detail); } catch (e) { /* a listener's failure is its own */ }
    });
    renderBanner();
  }

  function secretField(el) {
    if (!el || !el.getAttribute) {
      return true;
    }
    var type = (el.getAttribute('type') || '').toLowerCase();
    var auto = (el.getAttribute('autocomplete') || '').toLowerCase();
    return type === 'password' || el.hasAttribute('data-rr-is-password') || /cc-|password|one-time-code/.test(auto);
  }

  function maskInput(text, el) {
    if (el && el.closest && el.closest('[data-wcc-unmask]') && !el.closest('[data-wcc-mask]') && !secretField(el)) {
      return text;
    }
    return text ? '********' : '';
  }

  function send(obj) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(obj));
      return true;
    }
    return false;
  }

  function flush() {
    flushTimer = null;
    if (!session || queue.length === 0) {
      return;
    }
    if (send({ t: 'events', events: queue })) {
      queue = [];
    }
  }

  function onEvent(event) {
    // a full snapshot starts a message of its own (with the meta event before it), so the hub can keep the
    // last snapshot and everything after it for an agent who reconnects
    if (event.type === 4 && queue.length > 0) {
      flush();
    }
    queue.push(event);
    if (queue.length > MAX_QUEUE) {
      queue = [];
      if (stopRecording) {
        rrweb.record.takeFullSnapshot(true);
      }
      return;
    }
    if (!flushTimer) {
      flushTimer = setTimeout(flush, event.type === 2 ? 0 : BATCH_MS);
    }
  }

  function startRecording() {
    if (stopRecording) {
      return;
    }
    stopRecording = rrweb.record({
      emit: onEvent,
      maskAllInputs: true,
      maskInputFn: maskInput,
      maskTextSelector: '[data-wcc-mask], .wcc-mask',
      blockSelector: '[data-wcc-block], .wcc-block, #wcc-cobrowse-banner',
      recordCanvas: false,
      collectFonts: false,
      inlineStylesheet: true,
      // every input event, not only 'change' (input: 'last' would show typing to the agent only on blur)
      sampling: { mousemove: 50, scroll: 100 }
    });
  }

  function connect(token) {
    setState(token ? 'resuming' : 'connecting');
    socket = new WebSocket(socketUrl);
    socket.onopen = function () {
      reconnectDelay = 500;
      socket.send(JSON.stringify(token ? { t: 'resume', token: token } : { t: 'create' }));
      clearInterval(pingTimer);
      pingTimer = setInterval(function () { send({ t: 'ping' }); }, PING_MS);
    };
    socket.onmessage = function (m) {
      var msg;
      try { msg = JSON.parse(m.data); } catch (e) { return; }
      handle(msg);
    };
    socket.onclose = function (e) {
      clearInterval(pingTimer);
      socket = null;
      if (stopping || state === 'ended') {
        return;
      }
      if (e.code === 1008 && /token|ended/.test(e.reason)) {
        end('The co-browsing session has ended.');
        return;
      }
      setState('reconnecting', e.code + ' ' + e.reason);
      setTimeout(function () {
        if (!stopping && state !== 'ended') {
          connect(sessionStorage.getItem(TOKEN_KEY));
        }
      }, reconnectDelay);
      reconnectDelay = Math.min(reconnectDelay * 2, 10000);
    };
  }

  function handle(msg) {
    switch (msg.t) {
      case 'session':
        var first = !session;
        session = { id: msg.id, code: msg.code };
        sessionStorage.setItem(TOKEN_KEY, msg.token);
        setState('waiting');
        if (first && !stopRecording) {
          startRecording();
        } else {
          rrweb.record.takeFullSnapshot(true);
        }
        flush();
        break;
      case 'agent':
        setState(msg.state === 'joined' ? 'shared' : 'waiting');
        break;
      case 'guide':
        guide(msg);
        break;
      case 'snapshot-request':
        rrweb.record.takeFullSnapshot(true);
        break;
      case 'ended':
        end(msg.reason);
        break;
      default:
        break;
    }
  }

  /* ---- agent guidance ---- */

  function overlay(id) {
    var el = document.getElementById(id);
    if (!el) {
      el = document.createElement('div');
      el.id = id;
      el.setAttribute('aria-hidden', 'true');
      el.className = 'wcc-overlay';
      document.body.appendChild(el);
    }
    return el;
  }

  function clearGuidance() {
    ['wcc-highlight', 'wcc-pointer'].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) {
        el.remove();
      }
    });
  }

  function guide(msg) {
    if (msg.kind === 'highlight') {
      var target;
      try { target = document.querySelector(msg.selector); } catch (e) { target = null; }
      if (!target) {
        return;
      }
      target.scrollIntoView({ block: 'center' });
      var r = target.getBoundingClientRect();
      var h = overlay('wcc-highlight');
      h.dataset.selector = msg.selector;
      h.style.cssText = 'position:absolute;pointer-events:none;z-index:2147483646;border:3px solid #e8590c;'
        + 'border-radius:4px;box-shadow:0 0 0 4px rgba(232,89,12,.3);'
        + 'left:' + (r.left + scrollX - 5) + 'px;top:' + (r.top + scrollY - 5) + 'px;'
        + 'width:' + (r.width + 4) + 'px;height:' + (r.height + 4) + 'px';
    } else if (msg.kind === 'pointer') {
      var p = overlay('wcc-pointer');
      p.style.cssText = 'position:absolute;pointer-events:none;z-index:2147483646;width:18px;height:18px;'
        + 'margin:-9px 0 0 -9px;border-radius:50%;background:rgba(232,89,12,.8);border:2px solid #fff;'
        + 'left:' + msg.x + 'px;top:' + msg.y + 'px';
    } else if (msg.kind === 'navigate') {
      var target2;
      try { target2 = new URL(msg.url, location.href); } catch (e) { return; }
      if (target2.origin !== location.origin) {
        return; // same site only; the hub refuses others too
      }
      suggestion = target2.pathname + target2.search + target2.hash;
      renderBanner();
    } else if (msg.kind === 'clear') {
      clearGuidance();
    }
  }

  var suggestion = null;

  function answer(accepted) {
    var url = suggestion;
    suggestion = null;
    send({ t: 'answer', kind: 'navigate', accepted: accepted });
    renderBanner();
    if (accepted && url) {
      flush();
      location.assign(url);
    }
  }

  /* ---- consent banner ---- */

  function renderBanner() {
    var b = document.getElementById('wcc-cobrowse-banner');
    if (state === 'idle' || state === 'ended') {
      if (b) {
        b.remove();
      }
      return;
    }
    if (!document.body) {
      return;
    }
    if (!b) {
      b = document.createElement('div');
      b.id = 'wcc-cobrowse-banner';
      b.setAttribute('role', 'status');
      b.style.cssText = 'position:fixed;left:0;right:0;bottom:0;z-index:2147483647;background:#1c3d5a;color:#fff;'
        + 'font:15px/1.4 sans-serif;padding:10px 16px;display:flex;gap:12px;align-items:center;flex-wrap:wrap;'
        + 'box-shadow:0 -2px 8px rgba(0,0,0,.3)';
      document.body.appendChild(b);
    }
    var text;
    if (state === 'shared') {
      text = 'Your agent sees this page now. Passwords, account numbers and order details stay hidden.';
    } else if (state === 'waiting') {
      text = 'Co-browsing is ready. Tell your agent this code: ';
    } else {
      text = 'Co-browsing: connecting to the service center...';
    }
    b.textContent = '';
    var span = document.createElement('span');
    span.textContent = text;
    b.appendChild(span);
    if (state === 'waiting' && session && session.code) {
      var code = document.createElement('strong');
      code.id = 'wcc-cobrowse-code';
      code.style.cssText = 'font-size:18px;letter-spacing:3px';
      code.textContent = session.code;
      b.appendChild(code);
    }
    if (suggestion) {
      var ask = document.createElement('span');
      ask.id = 'wcc-suggestion';
      ask.textContent = 'Your agent suggests this page: ' + suggestion;
      b.appendChild(ask);
      b.appendChild(button('wcc-go', 'Go there', function () { answer(true); }));
      b.appendChild(button('wcc-no', 'No, thanks', function () { answer(false); }));
    }
    b.appendChild(button('wcc-cobrowse-stop', 'Stop sharing', stop));
  }

  function button(id, label, action) {
    var btn = document.createElement('button');
    btn.id = id;
    btn.type = 'button';
    btn.textContent = label;
    btn.style.cssText = 'font:inherit;padding:4px 12px;border-radius:4px;border:1px solid #fff;background:#fff;'
      + 'color:#1c3d5a;cursor:pointer';
    btn.addEventListener('click', action);
    return btn;
  }

  /* ---- life cycle ---- */

  function end(reason) {
    stopping = true;
    if (stopRecording) {
      stopRecording();
      stopRecording = null;
    }
    clearInterval(pingTimer);
    clearTimeout(flushTimer);
    queue = [];
    session = null;
    suggestion = null;
    sessionStorage.removeItem(TOKEN_KEY);
    clearGuidance();
    if (socket) {
      socket.close(1000, 'stopped');
      socket = null;
    }
    setState('ended', reason);
  }

  function start() {
    if (state !== 'idle' && state !== 'ended') {
      return;
    }
    stopping = false;
    connect(sessionStorage.getItem(TOKEN_KEY));
  }

  function stop() {
    send({ t: 'stop' });
    end('You stopped co-browsing.');
  }

  window.WccCobrowse = {
    start: start,
    stop: stop,
    state: function () { return state; },
    code: function () { return session ? session.code : null; },
    onChange: function (listener) { listeners.push(listener); }
  };

  // a session started on an earlier page of this site goes on by itself
  if (sessionStorage.getItem(TOKEN_KEY)) {
    if (document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', start);
    } else {
      start();
    }
  }
})();
