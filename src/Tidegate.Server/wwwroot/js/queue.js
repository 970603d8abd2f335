// The waiting room: join once (the queue ticket lives in sessionStorage, so a reload keeps the
// place), then ask for the status when the server says it is worth asking (pollAfterSeconds, with
// a little jitter so a crowd does not ask in step). The texts come from the page, in its language.
(function () {
  var box = document.getElementById('queue');
  if (!box) return;
  var date = box.dataset.date, key = 'tidegate-queue-' + date, base = '/api/v1/queue/' + date;
  var place = document.getElementById('place'), wait = document.getElementById('wait');

  async function ticket() {
    var t = sessionStorage.getItem(key);
    if (t) return t;
    var r = await fetch(base, { method: 'POST' });
    if (!r.ok) throw new Error('busy');
    t = (await r.json()).queueTicket;
    sessionStorage.setItem(key, t);
    return t;
  }

  async function poll() {
    var after = 2;
    try {
      var r = await fetch(base + '/status', { headers: { 'X-Queue-Ticket': await ticket() } });
      if (!r.ok) throw new Error('status ' + r.status);
      var s = await r.json();
      if (s.admitted) {
        place.textContent = box.dataset.turn;
        document.cookie = 'tg-admission=' + encodeURIComponent(s.admissionToken) + '; path=/; max-age=900; samesite=lax';
        // On to the slot chosen before joining (the party and details wait in sessionStorage), else the day.
        var start = box.dataset.start;
        try { start = start || (JSON.parse(sessionStorage.getItem('tidegate-party-' + date) || '{}').start); } catch (e) { }
        location.href = start && /^\d\d:\d\d$/.test(start) ? '/book/' + date + '/' + start : '/day/' + date;
        return;
      }
      if (s.expired) {
        sessionStorage.removeItem(key);
        place.textContent = box.dataset.rejoin;
        after = 1;
      } else if (s.soldOut) {
        place.textContent = box.dataset.soldout;
        wait.textContent = box.dataset.soldoutDetail;
        return;
      } else {
        if (s.queueTicket) sessionStorage.setItem(key, s.queueTicket);
        place.textContent = s.position == null ? box.dataset.drawn : s.position.toLocaleString();
        wait.textContent = box.dataset.wait.replace('{0}', s.estimatedWaitSeconds.toLocaleString());
        after = s.pollAfterSeconds || 2;
      }
    } catch (e) {
      wait.textContent = box.dataset.reconnecting;
    }
    setTimeout(poll, (after + Math.random() * Math.min(after, 2) * 0.5) * 1000);
  }
  poll();
})();
