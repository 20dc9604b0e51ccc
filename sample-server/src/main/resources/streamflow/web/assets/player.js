// Streamflow player: plays the page's master playlist with hls.js and exposes a test hook on
// window.streamflow (events, one tick per second, fatal errors, levels(), setLevel(n)).
(function () {
  'use strict';
  var video = document.getElementById('video');
  var select = document.getElementById('level');
  var status = document.getElementById('status');
  var current = document.getElementById('current-level');
  var master = video.getAttribute('data-master');
  var MAX_TICKS = 600;

  var hook = window.streamflow = {
    master: master,
    events: [],
    ticks: [],
    fatal: [],
    hls: null,
    levels: function () {
      if (!hook.hls) { return []; }
      return hook.hls.levels.map(function (l, i) {
        return { index: i, width: l.width, height: l.height, bitrate: l.bitrate };
      });
    },
    setLevel: function (n) {
      if (hook.hls) { hook.hls.currentLevel = n; }
      select.value = String(n);
    }
  };

  function now() { return performance.now() / 1000; }
  function record(event, data) {
    var entry = { t: now(), event: event };
    for (var k in data || {}) { entry[k] = data[k]; }
    hook.events.push(entry);
  }
  function say(text, isError) {
    status.textContent = text;
    status.className = isError ? 'error' : '';
  }
  function levelName(l) {
    return (l.height ? l.height + 'p' : 'level') + ' (' + Math.round(l.bitrate / 1000) + ' kbps)';
  }

  if (typeof Hls === 'undefined') {
    say('hls.js is missing: run "npm ci" in the repository root and rebuild the sample server.', true);
    record('HLSJS_MISSING');
    return;
  }
  if (!Hls.isSupported()) {
    say('This browser has no Media Source Extensions; hls.js cannot play here.', true);
    record('UNSUPPORTED');
    return;
  }

  function fillLevels(levels) {
    while (select.options.length > 1) { select.remove(1); }
    levels.forEach(function (l, i) {
      var option = document.createElement('option');
      option.value = String(i);
      option.textContent = levelName(l);
      select.appendChild(option);
    });
  }

  function start() {
    var hls = new Hls();
    hook.hls = hls;
    hls.on(Hls.Events.MANIFEST_PARSED, function (e, data) {
      record('MANIFEST_PARSED', { levels: data.levels.length });
      fillLevels(data.levels);
      say('Playing ' + data.levels.length + ' renditions');
      var playing = video.play();
      if (playing && playing.catch) { playing.catch(function () { say('Press play to start'); }); }
    });
    hls.on(Hls.Events.LEVEL_LOADED, function (e, data) {
      record('LEVEL_LOADED', { level: data.level, live: data.details.live,
        startSN: data.details.startSN, endSN: data.details.endSN });
    });
    hls.on(Hls.Events.LEVEL_SWITCHING, function (e, data) { record('LEVEL_SWITCHING', { level: data.level }); });
    hls.on(Hls.Events.LEVEL_SWITCHED, function (e, data) {
      record('LEVEL_SWITCHED', { level: data.level });
      var l = hls.levels[data.level];
      current.textContent = l ? 'now ' + levelName(l) : '';
    });
    hls.on(Hls.Events.FRAG_BUFFERED, function (e, data) {
      record('FRAG_BUFFERED', { level: data.frag.level, sn: data.frag.sn });
    });
    hls.on(Hls.Events.ERROR, function (e, data) {
      record('ERROR', { type: data.type, details: data.details, fatal: data.fatal,
        code: data.response ? data.response.code : undefined, reason: data.reason });
      if (!data.fatal) { return; }
      if (data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR) {
        // The stream has not started (or has ended): keep asking for its master playlist.
        say('Waiting for ' + master + ' …');
        hls.destroy();
        hook.hls = null;
        setTimeout(start, 2000);
        return;
      }
      hook.fatal.push({ type: data.type, details: data.details, reason: data.reason });
      say('Playback error: ' + data.details, true);
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
        hls.recoverMediaError();
      } else if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
        hls.startLoad();
      }
    });
    hls.loadSource(master);
    hls.attachMedia(video);
  }

  select.addEventListener('change', function () { hook.setLevel(Number(select.value)); });
  ['playing', 'waiting', 'stalled', 'ended'].forEach(function (name) {
    video.addEventListener(name, function () { record('video:' + name, { currentTime: video.currentTime }); });
  });
  video.addEventListener('error', function () {
    record('video:error', { code: video.error ? video.error.code : undefined });
  });
  setInterval(function () {
    var buffered = video.buffered.length ? video.buffered.end(video.buffered.length - 1) - video.currentTime : 0;
    hook.ticks.push({ t: now(), currentTime: video.currentTime, level: hook.hls ? hook.hls.currentLevel : -1,
      bufferAhead: buffered, latency: hook.hls ? hook.hls.latency : undefined, paused: video.paused });
    if (hook.ticks.length > MAX_TICKS) { hook.ticks.shift(); }
  }, 1000);

  start();
})();
