// Shows the party's price as it changes and says at once when the party size is out of range.
(function () {
  var form = document.getElementById('book');
  if (!form) return;
  var max = parseInt(form.dataset.max, 10);
  var pattern = form.dataset.yen;
  var selects = form.querySelectorAll('select[data-price]');
  var total = document.getElementById('total');
  var error = document.getElementById('party-error');
  var nf = new Intl.NumberFormat(form.dataset.lang === 'ja' ? 'ja-JP' : 'en-US');
  function update() {
    var persons = 0, amount = 0;
    selects.forEach(function (s) { var n = parseInt(s.value, 10); persons += n; amount += n * parseInt(s.dataset.price, 10); });
    total.textContent = pattern.replace('{0:N0}', nf.format(amount)) + ' (' + persons + ')';
    var bad = persons < 1 || persons > max;
    error.hidden = !bad;
    selects.forEach(function (s) { s.setAttribute('aria-invalid', bad ? 'true' : 'false'); });
    return !bad;
  }
  selects.forEach(function (s) { s.addEventListener('change', update); });
  form.addEventListener('submit', function (e) { if (!update()) { e.preventDefault(); error.focus(); } });
  update();
  var problem = document.getElementById('problem');
  if (problem) problem.focus();
})();
