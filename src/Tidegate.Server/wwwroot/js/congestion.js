// Keeps the congestion figures current without reloading the page (a timed reload would take the
// reader's place and focus away: WCAG 2.2.1). Once a minute the page is fetched again and its main
// content swapped in, unless the visitor is on something inside it at that moment.
(function () {
  var main = document.getElementById('main');
  if (!main || !window.fetch || !window.DOMParser) return;
  setInterval(function () {
    if (document.hidden || main.contains(document.activeElement) && document.activeElement !== main) return;
    fetch(location.href, { credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('main');
        if (fresh) main.innerHTML = fresh.innerHTML;
      })
      .catch(function () { /* offline: keep what is shown */ });
  }, 60000);
})();
