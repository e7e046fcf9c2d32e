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
    frameDocument: function () {
      var f = stage.querySelector('iframe');
      return f ? f.contentDocument : null;
    }
  };
})();
