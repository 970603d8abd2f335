// Counts the hold down from the seconds the server said were left (the server's clock decides,
// not the phone's); at zero, reloads so the server says what happened. The visible clock changes
// every second and sits in no live region; screen readers hear the time left only at a few
// moments (5 and 1 minutes, 30 seconds, and the end), as the midnight countdown does.
(function () {
  var el = document.getElementById('left');
  if (!el) return;
  var box = el.closest('[data-announce-minutes]'), status = document.getElementById('left-status');
  var deadline = Date.now() + parseInt(el.getAttribute('datetime').replace(/\D/g, ''), 10) * 1000;
  var moments = [300, 60, 30];
  function say(text) { if (status && box) status.textContent = text; }
  var last = null;
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    el.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (last !== null && box) {
      moments.forEach(function (m) {
        if (last > m && left <= m && left > 0)
          say(m === 60 ? box.dataset.announceMinute : m > 60 ? box.dataset.announceMinutes.replace('{0}', m / 60) : box.dataset.announceSeconds.replace('{0}', m));
      });
    }
    last = left;
    if (left === 0) {
      clearInterval(timer);
      if (box) say(box.dataset.expired);
      setTimeout(function () { location.reload(); }, 1500);
    }
  }
  var timer = setInterval(tick, 1000);
})();
