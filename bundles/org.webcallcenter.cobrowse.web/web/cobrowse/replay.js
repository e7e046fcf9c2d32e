/*
 * Agent side of co-browsing: replays the customer's page live from the events the workstation pushes in.
 * rrweb's live mode schedules every event at (its timestamp - the start time); started from the first event's
 * time it keeps that first delay for the whole session, so instead every event is re-timed to the moment it
 * arrives here and applied at once. The original timestamp is kept to report the lag (customer clock).
 *
 *   wccReplay.pushText('{"t":"events",...}')  what the workstation calls: a hub message as text
 *   wccReplay.push({t: 'reset'})              forget the page (a rebuild from a snapshot follows)
 *   wccReplay.push({t: 'events', events: []}) apply rrweb events
 *   wccReplay.stats()                         {applied, lagMs (last arrival), lagP50/lagP95 (customer event ->
 *                                              applied by rrweb, last 2000), castCount, href, width, height}
 *   wccReplay.frameDocument()                 the replayed document (tests read it)
 *
 * Recorded mode (the Recordings view replays a stored session with rrweb's Replayer in its normal, not live, mode,
 * on the customer's own timestamps):
 *   wccReplay.addRecorded(base64)             one stored hub message, its UTF-8 text in base64 (no quoting needed)
 *   wccReplay.startRecorded()                 builds the replay: {events, pages: [{href, offsetMs}], totalMs}
 *   wccReplay.play() / pause() / seek(ms)     play from the position / stop / show the page as it was at ms
 *   wccReplay.position()                      {timeMs, totalMs, playing, href}
 */
(function () {
  'use strict';
  var stage = document.getElementById('stage');
  var waiting = document.getElementById('waiting');
  var replayer = null;
  var applied = 0;
  var lags = [];
  var castLags = [];
  var lastLag = null;
  var href = null;
  var size = { width: 0, height: 0 };

  function reset() {
    if (replayer) {
      try { replayer.destroy(); } catch (e) { /* already gone */ }
    }
    replayer = null;
    stage.textContent = '';
    waiting.style.display = '';
  }

  function ensureReplayer() {
    if (!replayer) {
      replayer = new rrweb.Replayer([], {
        root: stage,
        liveMode: true,
        mouseTail: false,
        showWarning: false,
        triggerFocus: false,
        UNSAFE_replayCanvas: false
      });
      // the lag that matters: from the customer's event to rrweb applying it here
      replayer.on('event-cast', function (ev) {
        if (ev && ev.wccOrigTs) {
          castLags.push(Date.now() - ev.wccOrigTs);
          if (castLags.length > 2000) {
            castLags.shift();
          }
        }
      });
      replayer.startLive(Date.now());
      waiting.style.display = 'none';
    }
  }

  function fit() {
    var wrapper = stage.querySelector('.replayer-wrapper');
    if (!wrapper || !size.width) {
      return;
    }
    var scale = Math.min(1, stage.clientWidth / size.width, stage.clientHeight / size.height);
    wrapper.style.transform = 'scale(' + scale + ')';
  }

  function events(list) {
    var now = Date.now();
    for (var i = 0; i < list.length; i++) {
      var ev = list[i];
      if (ev.type === 4 && ev.data) {
        // a meta event starts a page: rebuild from here
        reset();
        href = ev.data.href;
        size = { width: ev.data.width, height: ev.data.height };
      }
      ensureReplayer();
      if (ev.type === 3 && ev.data && ev.data.source === 4) {
        size = { width: ev.data.width, height: ev.data.height };
      }
      lastLag = now - ev.timestamp;
      ev.wccOrigTs = ev.timestamp;
      ev.timestamp = now + i * 0.001;
      replayer.addEvent(ev);
      applied++;
    }
    if (list.length > 0) {
      lags.push(lastLag);
      if (lags.length > 1000) {
        lags.shift();
      }
    }
    fit();
  }

  function percentile(list, p) {
    if (list.length === 0) {
      return null;
    }
    var sorted = list.slice().sort(function (a, b) { return a - b; });
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  }

  window.addEventListener('resize', fit);

  // ---- recorded mode ----
  var recordedTexts = [];
  var recordedPages = [];
  var recordedPlaying = false;

  function decode(base64) {
    var bin = atob(base64);
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) {
      bytes[i] = bin.charCodeAt(i);
    }
    return new TextDecoder('utf-8').decode(bytes);
  }

  function startRecorded() {
    reset();
    var seen = new Set();
    var list = [];
    recordedTexts.forEach(function (text) {
      var msg;
      try { msg = JSON.parse(text); } catch (e) { return; }
      if (!msg || msg.t !== 'events' || !Array.isArray(msg.events)) {
        return; // a reset only says the retained stream follows again: its duplicates are dropped below
      }
      msg.events.forEach(function (ev) {
        if (!ev || typeof ev.type !== 'number' || typeof ev.timestamp !== 'number') {
          return;
        }
        var key = JSON.stringify(ev);
        if (!seen.has(key)) {
          seen.add(key);
          list.push(ev);
        }
      });
    });
    recordedTexts = [];
    list.sort(function (a, b) { return a.timestamp - b.timestamp; }); // stable: same-time events keep their order
    var start = list.findIndex(function (ev) { return ev.type === 2; });
    if (start < 0) {
      return { events: 0, pages: [], totalMs: 0, error: 'no full snapshot of a page was stored' };
    }
    if (start > 0 && list[start - 1].type === 4) {
      start--; // keep the meta event (address and size) of the first page
    }
    list = list.slice(start);
    var first = list[0].timestamp;
    recordedPages = list.filter(function (ev) { return ev.type === 4 && ev.data; }).map(function (ev) {
      return { href: ev.data.href, offsetMs: ev.timestamp - first };
    });
    if (list[0].type === 4 && list[0].data) {
      size = { width: list[0].data.width, height: list[0].data.height };
    }
    replayer = new rrweb.Replayer(list, {
      root: stage,
      mouseTail: false,
      showWarning: false,
      triggerFocus: false,
      skipInactive: false,
      UNSAFE_replayCanvas: false
    });
    replayer.on('resize', function (d) {
      if (d && d.width) {
        size = { width: d.width, height: d.height };
        fit();
      }
    });
    replayer.on('finish', function () { recordedPlaying = false; });
    waiting.style.display = 'none';
    replayer.pause(0);
    fit();
    return { events: list.length, pages: recordedPages, totalMs: replayer.getMetaData().totalTime };
  }

  function pageAt(ms) {
    var h = null;
    recordedPages.forEach(function (p) {
      if (p.offsetMs <= ms) {
        h = p.href;
      }
    });
    return h;
  }

  window.wccReplay = {
    push: function (msg) {
      if (msg.t === 'reset') {
        reset();
      } else if (msg.t === 'events' && Array.isArray(msg.events)) {
        events(msg.events);
      }
    },
    /** The workstation passes each message as a string: it is parsed here, never evaluated. */
    pushText: function (json) {
      var msg;
      try { msg = JSON.parse(json); } catch (e) { return; }
      if (msg && typeof msg === 'object') {
        window.wccReplay.push(msg);
      }
    },
    stats: function () {
      return { applied: applied, lagMs: lastLag, arrivalP50: percentile(lags, 0.5),
        lagP50: percentile(castLags, 0.5), lagP95: percentile(castLags, 0.95), castCount: castLags.length,
        href: href, width: size.width, height: size.height };
    },
    addRecorded: function (base64) {
      recordedTexts.push(decode(base64));
    },
    startRecorded: startRecorded,
    play: function () {
      if (replayer) {
        var at = replayer.getCurrentTime();
        replayer.play(at >= replayer.getMetaData().totalTime ? 0 : at);
        recordedPlaying = true;
      }
    },
    pause: function () {
      if (replayer) {
        replayer.pause();
        recordedPlaying = false;
      }
    },
    seek: function (ms) {
      if (replayer) {
        replayer.pause(Math.max(0, Number(ms) || 0));
        recordedPlaying = false;
        fit();
      }
    },
    position: function () {
      if (!replayer) {
        return null;
      }
      var t = replayer.getCurrentTime();
      return { timeMs: t, totalMs: replayer.getMetaData().totalTime, playing: recordedPlaying, href: pageAt(t) };
    },
    frameDocument: function () {
      var f = stage.querySelector('iframe');
      return f ? f.contentDocument : null;
    }
  };
})();
