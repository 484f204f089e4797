// Chatplan's only script besides htmx, served from /static (the content security policy allows no inline script).
// A <select data-autosubmit> submits its form when changed (the queue pickers); without JavaScript the form keeps
// its own submit button.
document.addEventListener('change', function (event) {
  var target = event.target
  if (target instanceof HTMLSelectElement && target.hasAttribute('data-autosubmit') && target.form) target.form.requestSubmit()
})

// Busy state for plain forms (those without htmx, which htmx marks itself with .htmx-request): the submit button
// shows the form is working until the next page arrives. Cleared when the page comes back from the back/forward cache.
document.addEventListener('submit', function (event) {
  var form = event.target
  if (!(form instanceof HTMLFormElement) || form.hasAttribute('hx-post') || form.hasAttribute('hx-get') || event.defaultPrevented) return
  form.classList.add('is-busy')
  form.setAttribute('aria-busy', 'true')
})
window.addEventListener('pageshow', function () {
  document.querySelectorAll('form.is-busy').forEach(function (form) { form.classList.remove('is-busy'); form.removeAttribute('aria-busy') })
})
