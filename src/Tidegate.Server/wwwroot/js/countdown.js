// Counts down to a date's 00:00 opening from the seconds the server said were left (the server's
// clock decides, not the phone's). The visible clock changes every second; screen readers hear it
// only at a few moments (10, 5 and 1 minutes, 30 and 10 seconds, and the opening itself), never
// every second. At zero the page asks the server again, which sends the visitor into the line.
(function () {
  var box = document.querySelector('[data-countdown]');
  if (!box) return;
  var el = document.getElementById('countdown'), status = document.getElementById('countdown-status');
  var deadline = Date.now() + parseInt(box.dataset.countdown, 10) * 1000;
  var moments = [600, 300, 60, 30, 10];
  function clock(s) {
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = String(s % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + sec : m + ':' + sec;
  }
  function say(text) { if (status) status.textContent = text; }
  var last = null;
  function tick() {
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    el.textContent = clock(left);
    el.setAttribute('datetime', 'PT' + left + 'S');
    if (last !== null) {
      moments.forEach(function (m) {
        if (last > m && left <= m)
          say(m >= 60 ? box.dataset.announceMinutes.replace('{0}', m / 60) : box.dataset.announceSeconds.replace('{0}', m));
      });
    }
    last = left;
    if (left === 0) {
      clearInterval(timer);
      say(box.dataset.opened);
      // A little spread, so a crowd's reloads do not land in the same millisecond.
      setTimeout(function () { location.reload(); }, 300 + Math.random() * 1200);
    }
  }
  var timer = setInterval(tick, 1000);
  tick();
})();
