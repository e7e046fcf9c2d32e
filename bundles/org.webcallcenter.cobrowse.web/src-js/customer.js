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
 * The agent may show a chart (drawn here on a canvas from the chart state and the bars sent with it) or a
 * published commentary in a panel the customer closes; the panel is not recorded (see showPanel).
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
      blockSelector: '[data-wcc-block], .wcc-block, #wcc-cobrowse-banner, #wcc-caller-panel',
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
      case 'show':
        showPanel(msg);
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

  /* ---- shown by the agent: a chart or a published commentary ---- */

  /*
   * The panel is blocked from the recording (like the banner): the agent sees an empty box where it is. What was
   * shown is in the session record as the agent's own show message (validated by the hub) and linked to the call,
   * so recording it again from the page would only double the stream (the canvas would not be recorded anyway).
   */
  function closePanel(notify) {
    var p = document.getElementById('wcc-caller-panel');
    if (p) {
      if (notify) {
        send({ t: 'panel', id: p.dataset.showId, state: 'closed' });
      }
      p.remove();
    }
  }

  function showPanel(msg) {
    if (!document.body) {
      return;
    }
    closePanel(false);
    var p = document.createElement('div');
    p.id = 'wcc-caller-panel';
    p.setAttribute('role', 'dialog');
    p.setAttribute('aria-label', msg.title);
    p.dataset.showId = msg.id;
    p.dataset.kind = msg.kind;
    p.style.cssText = 'position:fixed;top:16px;right:16px;z-index:2147483645;width:440px;max-width:calc(100% - 32px);'
      + 'max-height:calc(100% - 110px);overflow:auto;background:#fff;color:#222;border:1px solid #1c3d5a;'
      + 'border-radius:6px;box-shadow:0 4px 16px rgba(0,0,0,.3);font:14px/1.4 sans-serif;padding:12px';
    var head = document.createElement('div');
    head.style.cssText = 'display:flex;align-items:flex-start;gap:8px';
    var title = document.createElement('strong');
    title.id = 'wcc-panel-title';
    title.style.cssText = 'flex:1;font-size:16px';
    title.textContent = msg.title;
    head.appendChild(title);
    var close = button('wcc-panel-close', 'Close', function () { closePanel(true); });
    close.style.border = '1px solid #1c3d5a';
    head.appendChild(close);
    p.appendChild(head);
    var by = document.createElement('div');
    by.style.cssText = 'color:#666;font-size:12px;margin:2px 0 8px';
    by.textContent = 'Shown by your advisor';
    p.appendChild(by);
    if (msg.kind === 'chart') {
      var what = document.createElement('div');
      what.id = 'wcc-panel-instrument';
      what.textContent = msg.state.symbol + ' \u00b7 ' + msg.state.period + ' \u00b7 ' + msg.bars.length + ' bars, '
        + msg.bars[0][0] + ' to ' + msg.bars[msg.bars.length - 1][0];
      p.appendChild(what);
      var canvas = document.createElement('canvas');
      canvas.id = 'wcc-panel-chart';
      canvas.width = 416;
      canvas.height = 240;
      canvas.style.cssText = 'display:block;margin-top:6px;width:416px;max-width:100%';
      p.appendChild(canvas);
      drawChart(canvas, msg.state, msg.bars);
    } else {
      var inst = document.createElement('div');
      inst.id = 'wcc-panel-instrument';
      inst.textContent = msg.instrument + ' \u00b7 published ' + msg.published + ' by ' + msg.author;
      p.appendChild(inst);
      var text = document.createElement('div');
      text.id = 'wcc-panel-text';
      text.style.cssText = 'white-space:pre-wrap;margin-top:8px';
      text.textContent = msg.text;
      p.appendChild(text);
    }
    document.body.appendChild(p);
  }

  var MA_COLOURS = { MA5: '#e8590c', MA10: '#1971c2', MA20: '#9c36b5', MA60: '#2f9e44' };

  function sma(bars, n) {
    var out = [];
    var sum = 0;
    for (var i = 0; i < bars.length; i++) {
      sum += bars[i][4];
      if (i >= n) {
        sum -= bars[i - n][4];
      }
      out.push(i >= n - 1 ? sum / n : null);
    }
    return out;
  }

  /* Candlesticks when there is room (else a close line), the state's MAs and trend lines, volume below. */
  function drawChart(canvas, state, bars) {
    var g = canvas.getContext('2d');
    var w = canvas.width;
    var h = canvas.height;
    var left = 6;
    var right = 56;
    var priceH = Math.round(h * 0.72);
    var volTop = priceH + 8;
    var lines = [];
    (state.indicators || []).forEach(function (name) {
      var n = parseInt(name.substring(2), 10);
      if (/^MA[0-9]+$/.test(name) && n > 0) {
        lines.push({ name: name, values: sma(bars, n) });
      }
    });
    var lo = Infinity;
    var hi = -Infinity;
    var maxVol = 0;
    bars.forEach(function (b) {
      lo = Math.min(lo, b[3]);
      hi = Math.max(hi, b[2]);
      maxVol = Math.max(maxVol, b[5]);
    });
    if (hi <= lo) {
      hi = lo + 1;
    }
    var step = (w - left - right) / bars.length;
    function x(i) { return left + (i + 0.5) * step; }
    function y(v) { return 4 + (hi - v) / (hi - lo) * (priceH - 8); }
    g.fillStyle = '#fff';
    g.fillRect(0, 0, w, h);
    g.strokeStyle = '#ddd';
    g.strokeRect(0.5, 0.5, w - right, priceH);
    g.strokeRect(0.5, volTop + 0.5, w - right, h - volTop - 1);
    var up = '#2f9e44';
    var down = '#e03131';
    if (step >= 3) {
      bars.forEach(function (b, i) {
        var c = b[4] >= b[1] ? up : down;
        g.strokeStyle = c;
        g.fillStyle = c;
        g.beginPath();
        g.moveTo(Math.round(x(i)) + 0.5, y(b[2]));
        g.lineTo(Math.round(x(i)) + 0.5, y(b[3]));
        g.stroke();
        var top = y(Math.max(b[1], b[4]));
        var bw = Math.max(1, Math.floor(step * 0.7));
        g.fillRect(Math.round(x(i) - bw / 2), top, bw, Math.max(1, y(Math.min(b[1], b[4])) - top));
      });
    } else {
      g.strokeStyle = '#1c3d5a';
      g.beginPath();
      bars.forEach(function (b, i) { if (i === 0) { g.moveTo(x(i), y(b[4])); } else { g.lineTo(x(i), y(b[4])); } });
      g.stroke();
    }
    lines.forEach(function (l) {
      g.strokeStyle = MA_COLOURS[l.name] || '#666';
      g.beginPath();
      var started = false;
      l.values.forEach(function (v, i) {
        if (v === null) {
          return;
        }
        if (started) { g.lineTo(x(i), y(v)); } else { g.moveTo(x(i), y(v)); started = true; }
      });
      g.stroke();
    });
    function index(time) {
      for (var i = 0; i < bars.length; i++) {
        if (bars[i][0] === time) {
          return i;
        }
      }
      return -1;
    }
    (state.trendLines || []).forEach(function (t) {
      var a = index(t.time1);
      var b = index(t.time2);
      if (a >= 0 && b >= 0) {
        g.strokeStyle = '#f08c00';
        g.beginPath();
        g.moveTo(x(a), y(t.price1));
        g.lineTo(x(b), y(t.price2));
        g.stroke();
      }
    });
    if (maxVol > 0) {
      bars.forEach(function (b, i) {
        g.fillStyle = b[4] >= b[1] ? up : down;
        var vh = b[5] / maxVol * (h - volTop - 4);
        g.fillRect(Math.round(x(i) - Math.max(1, step * 0.35)), h - 2 - vh, Math.max(1, Math.floor(step * 0.7)), vh);
      });
    }
    g.fillStyle = '#444';
    g.font = '11px sans-serif';
    g.fillText(hi.toFixed(2), w - right + 4, 12);
    g.fillText(lo.toFixed(2), w - right + 4, priceH - 2);
    g.fillText('vol', w - right + 4, volTop + 12);
    var legend = lines.map(function (l) { return l.name; }).join(' ');
    if (legend) {
      g.fillText(legend, left + 4, 14);
    }
  }

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
    closePanel(false);
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
