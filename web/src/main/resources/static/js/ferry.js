// Ferry console behaviour that htmx does not give by itself. Kept small: page logic lives on the server.
(function () {
  'use strict';

  // The Content-Security-Policy allows no inline styles: htmx must not add its <style> element (also set in the
  // layout's htmx-config meta tag; Ferry uses no htmx indicators), and progress bars get their width from
  // data-width through the CSSOM.
  htmx.config.includeIndicatorStyles = false;
  htmx.onLoad(function (content) {
    var bars = content.querySelectorAll ? content.querySelectorAll('.bar > span[data-width]') : [];
    for (var i = 0; i < bars.length; i++) {
      bars[i].style.width = bars[i].getAttribute('data-width') + '%';
    }
  });

  // Error responses are swapped too (the server retargets them to #flash), so a failed action says why.
  htmx.config.responseHandling = [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '[45]..', swap: true, error: true }
  ];

  // CSRF stays on: every htmx request carries the token from the page's meta tags.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      event.detail.headers[header.content] = token.content;
    }
  });

  // A request that got no answer at all (server down, network gone).
  function networkError() {
    var flash = document.getElementById('flash');
    if (flash) {
      flash.innerHTML = '';
      var div = document.createElement('div');
      div.className = 'flash error';
      div.setAttribute('role', 'alert');
      div.textContent = 'Ferry did not answer. Check your connection; the page retries on its own.';
      flash.appendChild(div);
    }
  }
  document.addEventListener('htmx:sendError', networkError);
  document.addEventListener('htmx:timeout', networkError);
})();

// Copy buttons: <button data-copy="#selector"> copies that input's value (the API token shown once).
document.addEventListener('click', function (event) {
  var button = event.target.closest ? event.target.closest('[data-copy]') : null;
  if (!button) {
    return;
  }
  var input = document.querySelector(button.getAttribute('data-copy'));
  if (!input) {
    return;
  }
  input.select();
  if (navigator.clipboard) {
    navigator.clipboard.writeText(input.value).then(function () { button.textContent = 'Copied'; });
  }
  else {
    document.execCommand('copy');
    button.textContent = 'Copied';
  }
});
