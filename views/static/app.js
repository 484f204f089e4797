// Chatplan's only script besides htmx, served from /static (the content security policy allows no inline script).
// A <select data-autosubmit> submits its form when changed (the queue pickers); without JavaScript the form keeps
// its own submit button.
document.addEventListener('change', function (event) {
  var target = event.target
  if (target instanceof HTMLSelectElement && target.hasAttribute('data-autosubmit') && target.form) target.form.requestSubmit()
})
