// The box office page: + / − beside each ticket count, the total kept up to date, and the print button.
(function () {
    'use strict';
    var form = document.querySelector('form[data-sell]');
    if (form) {
        var inputs = Array.prototype.slice.call(form.querySelectorAll('input[data-price]'));
        var total = form.querySelector('output[data-total]');
        var format = total ? total.getAttribute('data-format') : '{0}';
        var update = function () {
            var sum = inputs.reduce(function (acc, input) {
                var n = parseInt(input.value, 10);
                return acc + (isNaN(n) || n < 0 ? 0 : n) * parseInt(input.getAttribute('data-price'), 10);
            }, 0);
            if (total) total.textContent = format.replace('{0}', sum.toLocaleString('en-US'));
        };
        form.addEventListener('click', function (e) {
            var button = e.target.closest('button[data-step]');
            if (!button) return;
            var input = document.getElementById(button.getAttribute('data-for'));
            var n = (parseInt(input.value, 10) || 0) + parseInt(button.getAttribute('data-step'), 10);
            input.value = String(Math.max(0, Math.min(99, n)));
            update();
        });
        form.addEventListener('input', update);
        // One sale per tap: the second tap of a double tap would only replay the first (same sale key).
        form.addEventListener('submit', function () {
            var sell = form.querySelector('button[type=submit]');
            window.setTimeout(function () { sell.disabled = true; }, 0);
        });
        update();
    }
    var print = document.querySelector('button[data-print]');
    if (print) print.addEventListener('click', function () { window.print(); });
})();
