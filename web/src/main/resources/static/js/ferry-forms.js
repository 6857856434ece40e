// Ferry launch and settings forms: show the fields that apply, filter rule rows, the upload with progress.
// Everything here is an enhancement: the server checks every field again and renders every error.
(function () {
  'use strict';

  function csrfHeaders(xhr) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) {
      xhr.setRequestHeader(header.content, token.content);
    }
  }

  // Blocks marked data-show-when="name=value" are shown only while that radio is chosen; their inputs are disabled
  // while hidden so that they are not submitted.
  function setShown(block, shown) {
    block.hidden = !shown;
    block.querySelectorAll('input, select, textarea, button').forEach(function (el) {
      if (el.dataset.keepDisabled === undefined) {
        el.disabled = !shown || el.dataset.forcedOff === 'true';
      }
    });
  }

  // The chosen value of a radio group or a select.
  function chosenValue(form, name) {
    var select = form.querySelector('select[name="' + name + '"]');
    if (select) {
      return select.value;
    }
    var chosen = form.querySelector('input[name="' + name + '"]:checked');
    return chosen !== null ? chosen.value : null;
  }

  function refreshToggles(form) {
    form.querySelectorAll('[data-show-when]').forEach(function (block) {
      var parts = block.dataset.showWhen.split('=');
      setShown(block, chosenValue(form, parts[0]) === parts[1]);
    });
  }

  // The chosen cluster's kind decides what the tools can do: CSV and SQL-query exports and the lightning backend
  // exist only on the TiDB tool chain.
  function refreshKind(form, userChanged) {
    var select = form.querySelector('[data-cluster-select]');
    if (!select || select.selectedIndex < 0) {
      return;
    }
    var option = select.options[select.selectedIndex];
    var tidb = option.dataset.kind === 'TIDB';
    form.querySelectorAll('[data-needs-tidb]').forEach(function (input) {
      input.disabled = !tidb;
      input.dataset.forcedOff = String(!tidb);
      if (!tidb && input.checked) {
        var first = form.querySelector('input[name="' + input.name + '"]:not([data-needs-tidb])');
        if (first) { first.checked = true; }
      }
    });
    // CSV: the TiDB tool chain, or the native engine on any cluster
    var csvAllowed = tidb || chosenValue(form, 'toolChain') === 'native';
    form.querySelectorAll('[data-needs-csv-chain]').forEach(function (input) {
      input.disabled = !csvAllowed;
      input.dataset.forcedOff = String(!csvAllowed);
      if (!csvAllowed && input.checked) {
        var first = form.querySelector('input[name="' + input.name + '"]:not([data-needs-csv-chain])');
        if (first) { first.checked = true; }
      }
    });
    var note = form.querySelector('#csv-note');
    if (note) { note.hidden = tidb; }
    form.querySelectorAll('[data-kind-only]').forEach(function (block) {
      setShown(block, option.dataset.kind === block.dataset.kindOnly);
    });
    if (userChanged) {
      var user = form.querySelector('[data-cluster-user]');
      if (user) { user.value = option.dataset.user || ''; }
      // an upload is made for one cluster; choosing another needs a new upload
      var result = form.querySelector('#upload-result');
      if (result) { result.innerHTML = ''; }
    }
  }

  // Filter rule rows: each row is one rule, named filters[i] (renumbered so that indexes stay dense).
  function renumber(list) {
    list.querySelectorAll('[data-row]').forEach(function (row, i) {
      var input = row.querySelector('input');
      var label = row.querySelector('label');
      input.name = 'filters[' + i + ']';
      input.id = 'filters' + i;
      label.htmlFor = input.id;
      label.textContent = label.textContent.replace(/\d+|#/, String(i + 1));
    });
  }

  function setUpRows(form) {
    form.addEventListener('click', function (event) {
      var add = event.target.closest('[data-add-row]');
      if (add) {
        event.preventDefault();
        var list = form.querySelector('#' + add.dataset.addRow);
        var template = form.querySelector('#filter-row-template');
        list.appendChild(template.content.cloneNode(true));
        renumber(list);
        list.lastElementChild.querySelector('input').focus();
        return;
      }
      var remove = event.target.closest('[data-remove-row]');
      if (remove) {
        var rows = remove.closest('ol');
        if (rows.querySelectorAll('[data-row]').length > 1) {
          remove.closest('[data-row]').remove();
        }
        else {
          remove.closest('[data-row]').querySelector('input').value = '';
        }
        renumber(rows);
        rows.querySelector('input').focus();
      }
    });
  }

  // The upload: one zip, sent as multipart with the cluster id, its progress shown, cancellable.
  function setUpUpload(form) {
    var zone = form.querySelector('#dropzone');
    if (!zone) {
      return;
    }
    var picker = form.querySelector('#upload-file');
    var progress = form.querySelector('#upload-progress');
    var bar = progress.querySelector('.bar');
    var status = form.querySelector('#upload-status');
    var result = form.querySelector('#upload-result');
    var cancel = form.querySelector('#upload-cancel');
    var xhr = null;

    function refuse(text) {
      result.innerHTML = '';
      var div = document.createElement('div');
      div.className = 'flash error';
      div.setAttribute('role', 'alert');
      div.textContent = text;
      result.appendChild(div);
    }

    function send(file) {
      if (!file) { return; }
      var max = Number(zone.dataset.maxBytes);
      if (max && file.size > max) {
        refuse(zone.dataset.tooBig.replace('{0}', file.name).replace('{1}', zone.dataset.maxText));
        return;
      }
      var cluster = form.querySelector('[data-cluster-select]').value;
      var data = new FormData();
      data.append('clusterId', cluster);
      data.append('file', file, file.name);
      xhr = new XMLHttpRequest();
      xhr.open('POST', zone.dataset.uploadUrl);
      csrfHeaders(xhr);
      xhr.upload.onprogress = function (event) {
        if (event.lengthComputable) {
          var percent = Math.floor(event.loaded * 100 / event.total);
          bar.firstElementChild.style.width = percent + '%';
          bar.setAttribute('aria-valuenow', String(percent));
          status.textContent = file.name + ': ' + percent + ' %';
        }
      };
      xhr.onload = function () {
        progress.hidden = true;
        result.innerHTML = xhr.responseText; // server-rendered (escaped) fragment: the upload id or the refusal
        xhr = null;
      };
      xhr.onerror = function () {
        progress.hidden = true;
        refuse('The upload failed: Ferry did not answer (the file may exceed the size limit).');
        xhr = null;
      };
      xhr.onabort = function () {
        progress.hidden = true;
        refuse('Upload cancelled.');
        xhr = null;
      };
      result.innerHTML = '';
      bar.firstElementChild.style.width = '0';
      status.textContent = file.name;
      progress.hidden = false;
      xhr.send(data);
    }

    cancel.addEventListener('click', function () { if (xhr) { xhr.abort(); } });
    picker.addEventListener('change', function () { send(picker.files[0]); picker.value = ''; });
    zone.addEventListener('dragover', function (event) { event.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
    zone.addEventListener('drop', function (event) {
      event.preventDefault();
      zone.classList.remove('over');
      if (event.dataTransfer.files.length !== 1) {
        refuse('Drop one zip file.');
        return;
      }
      send(event.dataTransfer.files[0]);
    });
    form.addEventListener('submit', function (event) {
      if (xhr) {
        event.preventDefault();
        refuse('Wait until the upload has finished, or cancel it.');
      }
    });
  }

  document.querySelectorAll('form#export-form, form#import-form').forEach(function (form) {
    refreshKind(form, false);
    refreshToggles(form);
    form.addEventListener('change', function (event) {
      if (event.target.matches('[data-cluster-select]')) {
        refreshKind(form, true);
        refreshToggles(form);
      }
      if (event.target.matches('[data-tool-chain]')) {
        refreshKind(form, false);
      }
      if (event.target.matches('[data-toggle]')) {
        refreshToggles(form);
      }
    });
    setUpRows(form);
    setUpUpload(form);
  });
})();
