// Counts the hold down from the seconds the server said were left (the server's clock decides,
// not the phone's); at zero, reloads so the server says what happened.
(function () {
  var el = document.getElementById('left');
  if (!el) return;
  var deadline = Date.now() + parseInt(el.getAttribute('datetime').replace(/\D/g, ''), 10) * 1000;
  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    el.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
    if (left === 0) { clearInterval(timer); setTimeout(function () { location.reload(); }, 1500); }
  }
  var timer = setInterval(tick, 1000);
})();
