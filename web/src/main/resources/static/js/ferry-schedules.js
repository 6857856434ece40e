// Ferry schedule form: show the fields that apply, and filter rule rows (one rule per row, each its own filters[i]).
// An enhancement only: without it every field shows, and the server ignores the ones that do not apply.
(function () {
  'use strict';
  var form = document.getElementById('schedule-form');
  if (!form) {
    return;
  }

  function refresh() {
    form.querySelectorAll('[data-show-when]').forEach(function (block) {
      var parts = block.dataset.showWhen.split('=');
      var chosen = form.querySelector('input[name="' + parts[0] + '"]:checked');
      block.hidden = !(chosen && chosen.value === parts[1]);
    });
  }

  function renumber() {
    form.querySelectorAll('#filter-rows [data-row]').forEach(function (row, i) {
      var input = row.querySelector('input');
      var label = row.querySelector('label');
      input.name = 'filters[' + i + ']';
      input.id = 'filters' + i;
      label.htmlFor = input.id;
      label.textContent = label.textContent.replace(/\d+|#/, String(i + 1));
    });
  }

  form.addEventListener('change', function (event) {
    if (event.target.matches('[data-toggle]')) {
      refresh();
    }
  });

  form.addEventListener('click', function (event) {
    if (event.target.closest('[data-add-row]')) {
      event.preventDefault();
      var row = document.getElementById('filter-row-template').content.firstElementChild.cloneNode(true);
      document.getElementById('filter-rows').appendChild(row);
      renumber();
      row.querySelector('input').focus();
      return;
    }
    var remove = event.target.closest('[data-remove-row]');
    if (remove) {
      event.preventDefault();
      var rows = document.getElementById('filter-rows');
      var all = rows.querySelectorAll('[data-row]');
      if (all.length === 1) {
        all[0].querySelector('input').value = '';
      } else {
        remove.closest('[data-row]').remove();
      }
      renumber();
    }
  });

  refresh();
})();
