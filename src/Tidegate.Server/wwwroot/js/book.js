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
    total.textContent = pattern.replace('{0:N0}', nf.format(amount)) + form.dataset.join +
      (persons === 1 ? form.dataset.person : form.dataset.persons).replace('{0}', persons);
    var bad = persons < 1 || persons > max;
    error.hidden = !bad;
    selects.forEach(function (s) { s.setAttribute('aria-invalid', bad ? 'true' : 'false'); });
    return !bad;
  }
  // The party and details chosen before joining the waiting room wait in this tab's sessionStorage
  // (never in a URL: name and email are personal data) and fill the form in again after admission.
  var key = 'tidegate-party-' + form.dataset.date, fields = ['Adult', 'Child', 'Infant', 'Toddler', 'Name', 'Email'];
  function save() {
    var party = { start: form.dataset.start };
    fields.forEach(function (f) { party[f] = form.elements[f].value; });
    if (form.elements.AcceptTerms) party.AcceptTerms = form.elements.AcceptTerms.checked; // ticked before joining: kept for the one tap
    try { sessionStorage.setItem(key, JSON.stringify(party)); } catch (e) { /* private mode: the form is simply not kept */ }
  }
  // "all" on a fresh form; "details" (name and email) beside a pending hold, whose party the server shows.
  var restored = false, restore = form.dataset.restore;
  if (restore === 'all' || restore === 'details') {
    try {
      var party = JSON.parse(sessionStorage.getItem(key) || 'null');
      if (party) {
        (restore === 'all' ? fields : ['Name', 'Email']).forEach(function (f) {
          if (party[f] != null && party[f] !== '' && (form.elements[f].tagName === 'SELECT' || !form.elements[f].value))
            form.elements[f].value = party[f];
        });
        if (restore === 'all' && party.AcceptTerms && form.elements.AcceptTerms) form.elements.AcceptTerms.checked = true;
        restored = restore === 'all';
      }
    } catch (e) { /* nothing kept */ }
  }
  selects.forEach(function (s) { s.addEventListener('change', update); });
  form.addEventListener('submit', function (e) {
    if (!update()) { e.preventDefault(); error.focus(); return; }
    save();
    if (form.dataset.prepare) {
      if (!form.reportValidity()) { e.preventDefault(); return; }
      e.preventDefault();
      location.href = form.dataset.prepare;
    }
  });
  update();
  // Admitted with everything kept: one tap books.
  if (restored && !form.dataset.prepare && form.checkValidity()) document.getElementById('submit').focus();
  var problem = document.getElementById('problem');
  if (problem) problem.focus();
})();
