// Console forms marked data-confirm (revoke a device, disable an account, reset a second factor,
// change a role) ask once more before they are sent.
'use strict';
document.addEventListener('submit', (e) => {
  const form = e.target;
  const question = form instanceof HTMLFormElement ? form.dataset.confirm : null;
  if (question && !window.confirm(question)) e.preventDefault();
});
