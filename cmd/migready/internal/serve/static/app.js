// migready's page: the export dropped and read, the answers checked while
// they are typed, the verdict shown and the pack downloaded. Every text
// comes from the server in the page's language; customer data is only ever
// set as textContent, never parsed as HTML.
'use strict';

(function () {
  const form = document.getElementById('form');
  const loadForm = document.getElementById('load-form');
  const attention = document.getElementById('attention');
  const fileFields = ['users', 'brand.logo', 'since', 'tracker'];
  const touched = new Set();
  let lang = document.documentElement.lang;
  let showAll = false;
  let validateTimer = 0;
  let validateSeq = 0;
  let verdictShown = false;

  document.documentElement.classList.add('js');

  function $(id) { return document.getElementById(id); }

  // A question with "don't know yet" shows its field for the answer only
  // when that answer is chosen.
  function syncChoice(field) {
    const checked = field.querySelector('input[type=radio]:checked');
    if (checked && field.dataset.kind !== 'yesno') field.dataset.state = checked.value;
  }
  document.querySelectorAll('fieldset.choice').forEach(syncChoice);

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function url(path) { return path + '?lang=' + encodeURIComponent(lang); }

  async function post(path, data) {
    const resp = await fetch(url(path), {
      method: 'POST', body: data, headers: { Accept: 'application/json' }, credentials: 'same-origin',
    });
    const type = resp.headers.get('Content-Type') || '';
    if (type.startsWith('application/json')) {
      return { ok: resp.ok, json: await resp.json(), resp };
    }
    return { ok: resp.ok, blob: resp.ok ? await resp.blob() : null, resp };
  }

  // The field element of a profile key (or users, since, tracker, profile).
  function fieldOf(path) {
    return document.querySelector('[data-path="' + CSS.escape(path) + '"]');
  }

  function controlsOf(field) {
    return field ? field.querySelectorAll('input:not([type=hidden]), textarea, select') : [];
  }

  // ---- problems -----------------------------------------------------------

  function clearProblem(field) {
    const p = field.querySelector('.problem');
    if (p) { p.hidden = true; p.replaceChildren(); }
    controlsOf(field).forEach(c => c.removeAttribute('aria-invalid'));
    field.classList.remove('invalid');
  }

  function problemParts(problem, target) {
    target.append(el('span', problem.text));
    if (problem.where) target.append(' ', el('span', '(' + problem.where + ')', 'where'));
    if (problem.detail) {
      const d = el('span', null, 'detail');
      if (words['serve.details']) d.append(el('span', words['serve.details'] + ' '));
      const en = el('span', problem.detail + (problem.hint ? ' — ' + problem.hint : ''));
      en.lang = 'en';
      d.append(en);
      target.append(d);
    }
  }

  function setProblem(field, problem) {
    const p = field.querySelector('.problem');
    if (!p) return false;
    p.replaceChildren();
    problemParts(problem, p);
    p.hidden = false;
    controlsOf(field).forEach(c => { if (c.type !== 'radio') c.setAttribute('aria-invalid', 'true'); });
    field.classList.add('invalid');
    return true;
  }

  // fileProblems are the problems of the files (the export, the logo, a
  // previous pack, a saved profile) as the last answer about them said:
  // checking the answers while typing knows nothing of files, so it keeps
  // them.
  const fileProblems = new Map();
  const fileKeys = fileFields.concat(['profile']);

  // showProblems shows each problem at its field: only at the fields the
  // rep has touched while typing, at every field once the rep asked for
  // the verdict or the pack (all). Problems of no field, and with all a
  // list of every problem linking to its field, go above the form. only
  // names the fields an answer is about: undefined for all of them (the
  // verdict, the pack), null for the answers but not the files (checking
  // while typing), else the fields listed.
  function showProblems(problems, all, attentionText, only) {
    problems = problems || [];
    if (only === undefined) {
      // An answer about every field: its file problems replace the kept ones.
      fileKeys.forEach(k => fileProblems.delete(k));
    }
    problems.forEach(pr => { if (fileKeys.includes(pr.field)) fileProblems.set(pr.field, pr); });
    if (only === null) {
      // The answers checked while typing: the files' problems stay.
      problems = problems.filter(pr => !fileKeys.includes(pr.field)).concat(Array.from(fileProblems.values()));
    } else if (only) {
      only.forEach(k => { if (fileKeys.includes(k) && !problems.some(pr => pr.field === k)) fileProblems.delete(k); });
    }
    const byField = new Map();
    const general = [];
    for (const pr of problems || []) {
      if (pr.field && fieldOf(pr.field)) {
        if (!byField.has(pr.field)) byField.set(pr.field, pr);
      } else {
        general.push(pr);
      }
    }
    document.querySelectorAll('[data-path]').forEach(field => {
      const path = field.dataset.path;
      if (only && !only.includes(path)) return;
      const pr = byField.get(path);
      if (pr && (all || touched.has(path) || fileFields.includes(path) || path === 'profile')) {
        setProblem(field, pr);
      } else {
        clearProblem(field);
      }
    });
    if (all || general.length > 0) {
      renderAttention(all ? problems || [] : general, attentionText);
    } else if (!showAll) {
      attention.hidden = true;
    }
  }

  function renderAttention(list, text) {
    attention.replaceChildren();
    if (!list.length) { attention.hidden = true; return; }
    // Every language migready speaks has a form for one and one for more.
    const form = words['serve.problem.attention.' + (list.length === 1 ? 'one' : 'other')];
    if (form) text = form.replace('{count}', String(list.length));
    if (text) attention.append(el('p', text, 'lead'));
    const ul = el('ul');
    for (const pr of list) {
      const li = el('li');
      const field = pr.field && fieldOf(pr.field);
      if (field) {
        const control = controlsOf(field)[0];
        const a = el('a', labelOf(field));
        a.href = '#' + (control ? control.id : field.id);
        a.addEventListener('click', ev => {
          ev.preventDefault();
          reveal(field);
          if (control) control.focus();
        });
        li.append(a, ': ');
      }
      problemParts(pr, li);
      ul.append(li);
    }
    attention.append(ul);
    attention.hidden = false;
    list.forEach(pr => { const f = pr.field && fieldOf(pr.field); if (f) reveal(f); });
  }

  function labelOf(field) {
    const l = field.querySelector('[data-w^="label."]') || field.querySelector('legend, label');
    return l ? l.textContent.trim() : field.dataset.path;
  }

  // reveal opens the folded group a field is in.
  function reveal(field) {
    for (let d = field.closest('details'); d; d = d.parentElement && d.parentElement.closest('details')) d.open = true;
  }

  // ---- checking while typing --------------------------------------------

  function answersOnly() {
    const fd = new FormData(form);
    fileFields.forEach(f => fd.delete(f));
    return fd;
  }

  function scheduleValidate() {
    clearTimeout(validateTimer);
    validateTimer = setTimeout(validate, 300);
  }

  async function validate() {
    const seq = ++validateSeq;
    let r;
    try { r = await post('validate', answersOnly()); } catch (e) { return; }
    if (seq !== validateSeq || !r.json) return;
    const j = r.json;
    showProblems(j.problems, showAll, j.attention, null);
    document.querySelectorAll('.readas').forEach(p => { p.hidden = true; p.textContent = ''; });
    for (const [path, text] of Object.entries(j.readAs || {})) {
      const f = fieldOf(path);
      const p = f && f.querySelector('.readas');
      if (p) { p.textContent = text; p.hidden = false; }
    }
    // The label made from the company name is what an empty field means.
    const label = $('f-customer-mail-label');
    if (label) label.placeholder = (j.proposed || {})['customer.mail_label'] || '';
    if (showAll && !(j.problems || []).length) attention.hidden = true;
  }

  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);

  function onEdit(ev) {
    const field = ev.target.closest('[data-path]');
    if (!field) return;
    if (ev.target.type === 'file') {
      if (field.dataset.path === 'brand.logo') {
        $('k-f-brand-logo').value = '';
        $('n-f-brand-logo').hidden = true;
        clearProblem(field);
      }
      if (field.dataset.path !== 'profile') staleVerdict();
      return;
    }
    const path = field.dataset.path;
    if (ev.type === 'input' || ev.target.type === 'radio' || ev.target.tagName === 'SELECT') touched.add(path);
    // Typing an answer chooses it.
    if ((ev.target.tagName === 'TEXTAREA' || ev.target.type === 'text') && field.classList.contains('choice') && ev.target.value.trim() !== '') {
      const given = field.querySelector('input[type=radio][value=given]');
      if (given) given.checked = true;
    }
    if (field.classList.contains('choice')) syncChoice(field);
    staleVerdict();
    scheduleValidate();
  }

  // ---- the export ----------------------------------------------------------

  const users = $('f-users');
  users.addEventListener('change', readExport);
  const sheet = $('f-sheet');
  if (sheet) sheet.addEventListener('change', () => { if (users.files.length) readExport(); });

  async function readExport() {
    const summary = $('export-summary');
    const field = fieldOf('users');
    clearProblem(field);
    $('n-users').hidden = true;
    staleVerdict();
    if (!users.files.length) { summary.hidden = true; return; }
    summary.hidden = false;
    summary.replaceChildren(el('p', words['serve.export.reading'] || '…', 'status'));
    const fd = new FormData();
    fd.append('users', users.files[0]);
    if (sheet) fd.append('sheet', sheet.value);
    let r;
    try { r = await post('export', fd); } catch (e) { summary.hidden = true; return; }
    const j = r.json || {};
    if (!r.ok) {
      summary.hidden = true;
      showProblems(j.problems, false, j.attention, ['users']);
      if (showAll) validate(); // the list above the form, with this problem
      return;
    }
    showProblems([], false, '', ['users']);
    renderExport(j.export);
    const langSelect = $('f-customer-language');
    if (langSelect && !touched.has('customer.language') && j.export.language) langSelect.value = j.export.language;
    const domain = $('f-mail-domain');
    if (domain && !touched.has('mail.domain') && !domain.value && j.export.domain) domain.value = j.export.domain;
    validate();
  }

  function renderExport(x) {
    const summary = $('export-summary');
    summary.replaceChildren();
    x.lines.forEach(line => summary.append(el('p', line)));
    if (x.columns && x.columns.length) {
      summary.append(el('h3', x.words.Columns));
      const ul = el('ul', null, 'columns');
      x.columns.forEach(c => ul.append(el('li', c)));
      summary.append(ul);
    }
    if (x.missing && x.missing.length) {
      summary.append(el('h3', x.words.Missing));
      const ul = el('ul', null, 'missing');
      x.missing.forEach(c => ul.append(el('li', c)));
      summary.append(ul);
    } else if (x.complete) {
      summary.append(el('p', x.complete, 'complete'));
    }
    if (x.notices && x.notices.length) {
      const d = el('details');
      d.append(el('summary', x.words.Notices));
      const ul = el('ul');
      ul.lang = 'en';
      x.notices.forEach(n => ul.append(el('li', n)));
      d.append(ul);
      summary.append(d);
    }
  }

  // ---- a saved profile ------------------------------------------------------

  const profileInput = $('f-profile');
  profileInput.addEventListener('change', loadProfile);

  async function loadProfile() {
    const field = fieldOf('profile');
    clearProblem(field);
    const note = $('n-profile');
    note.hidden = true;
    if (!profileInput.files.length) return;
    const fd = new FormData();
    fd.append('profile', profileInput.files[0]);
    let r;
    try { r = await post('profile', fd); } catch (e) { return; }
    const j = r.json || {};
    if (!r.ok) {
      showProblems(j.problems, false, j.attention, ['profile']);
      return;
    }
    fillForm(j.loaded);
    note.textContent = j.loaded.note;
    note.hidden = false;
    if (j.loaded.export && !users.files.length) {
      const n = $('n-users');
      n.textContent = (words['serve.export.named'] || '{file}').replace('{file}', j.loaded.export);
      n.hidden = false;
    }
    const keptLogo = $('k-f-brand-logo');
    const logoNote = $('n-f-brand-logo');
    if (keptLogo) {
      keptLogo.value = j.loaded.logo || '';
      logoNote.hidden = !j.loaded.logo;
      logoNote.textContent = j.loaded.logo ? (words['serve.problem.logo_again'] || '{file}').replace('{file}', j.loaded.logo) : '';
    }
    // Loaded answers are answers: their problems show at once.
    document.querySelectorAll('[data-path]').forEach(f => touched.add(f.dataset.path));
    showProblems(j.problems || [], false, j.attention, []);
    if ((j.problems || []).length) renderAttention(j.problems, j.attention);
    staleVerdict();
    validate();
  }

  function fillForm(loaded) {
    document.querySelectorAll('[data-path]').forEach(field => {
      const path = field.dataset.path;
      if (fileFields.includes(path) || path === 'profile') return;
      const value = loaded.values[path];
      const state = loaded.states[path] || 'unknown';
      const kind = field.dataset.kind;
      if (kind === 'yesno') {
        field.querySelectorAll('input[type=radio]').forEach(r => { r.checked = r.value === (value === undefined ? '' : value); });
        return;
      }
      field.querySelectorAll('input[type=radio]').forEach(r => { r.checked = r.value === state; });
      if (field.classList.contains('choice')) syncChoice(field);
      const control = field.querySelector('input[type=text], input[type=email], textarea, select');
      if (control) control.value = value === undefined ? (control.tagName === 'SELECT' ? control.value : '') : value;
    });
  }

  // ---- words: the page's language switch -----------------------------------

  let words = {};
  async function loadWords(code) {
    const resp = await fetch('words?lang=' + encodeURIComponent(code), { headers: { Accept: 'application/json' } });
    if (!resp.ok) return false;
    words = await resp.json();
    return true;
  }

  $('page-lang').addEventListener('change', async ev => {
    const code = ev.target.value;
    if (!(await loadWords(code))) return;
    lang = words.lang;
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-w]').forEach(e => {
      const t = words[e.dataset.w];
      if (t !== undefined) e.textContent = t;
    });
    document.querySelectorAll('[data-w-placeholder]').forEach(e => {
      const t = words[e.dataset.wPlaceholder];
      if (t !== undefined) e.placeholder = t;
    });
    form.action = url('pack');
    $('download-profile').setAttribute('formaction', url('profile.toml'));
    loadForm.action = url('profile');
    history.replaceState(null, '', '?lang=' + encodeURIComponent(lang));
    $('download-status').textContent = '';
    if (users.files.length) readExport();
    staleVerdict();
    validate();
  });
  loadWords(lang);

  // ---- the verdict -----------------------------------------------------------

  function staleVerdict() {
    if (!verdictShown) return;
    const box = $('verdict');
    if (!box.querySelector('.stale')) {
      const p = el('p', words['serve.verdict.stale'] || '', 'stale');
      box.prepend(p);
    }
  }

  $('show-verdict').addEventListener('click', async () => {
    const status = $('verdict-status');
    const box = $('verdict');
    showAll = true;
    status.textContent = words['serve.verdict.making'] || '…';
    let r;
    try { r = await post('verdict', new FormData(form)); } catch (e) { status.textContent = ''; return; }
    status.textContent = '';
    const j = r.json || {};
    if (!r.ok) {
      box.hidden = true;
      showProblems(j.problems, true, j.attention);
      attention.focus();
      attention.scrollIntoView({ block: 'start' });
      return;
    }
    showProblems([], true, '');
    renderVerdict(j.verdict);
    verdictShown = true;
    box.hidden = false;
    box.focus();
  });

  function renderVerdict(v) {
    const box = $('verdict');
    box.replaceChildren();
    box.append(el('p', v.intro, 'intro'));
    const inner = el('div', null, 'report');
    inner.lang = v.lang;
    inner.append(el('p', v.word, 'word state-' + v.state));
    inner.append(el('p', v.detail, 'detail'));
    const heading = el('h3', words['serve.verdict.checks'] || '');
    heading.lang = lang;
    inner.append(heading);
    const ul = el('ul', null, 'checks');
    for (const c of v.checks) {
      const li = el('li', null, 'check status-' + c.status);
      li.append(el('span', c.statusWord, 'badge'));
      const body = el('div');
      body.append(el('strong', c.title));
      if (c.summary) body.append(el('p', c.summary));
      if (c.findings) body.append(el('p', c.findings, 'findings'));
      li.append(body);
      ul.append(li);
    }
    inner.append(ul);
    if (v.notices && v.notices.length) {
      const d = el('ul', null, 'notices');
      d.lang = 'en';
      v.notices.forEach(n => d.append(el('li', n)));
      inner.append(d);
    }
    box.append(inner);
  }

  // ---- downloads -----------------------------------------------------------

  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const profile = ev.submitter && ev.submitter.id === 'download-profile';
    const status = $('download-status');
    if (!profile) showAll = true;
    status.textContent = profile ? '' : (words['serve.download.making'] || '…');
    let r;
    try { r = await post(profile ? 'profile.toml' : 'pack', new FormData(form)); } catch (e) { status.textContent = ''; return; }
    if (!r.ok) {
      status.textContent = '';
      const j = r.json || {};
      showProblems(j.problems, true, j.attention);
      attention.focus();
      attention.scrollIntoView({ block: 'start' });
      return;
    }
    if (!profile) showProblems([], true, '');
    const name = r.resp.headers.get('X-Migready-File') || (profile ? 'profile.toml' : 'pack.zip');
    const href = URL.createObjectURL(r.blob);
    const a = el('a');
    a.href = href;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60000);
    status.textContent = (words['serve.download.done'] || '{file}').replace('{file}', name);
  });

  // ---- drop anywhere ----------------------------------------------------------

  let depth = 0;
  document.addEventListener('dragenter', ev => {
    if (!ev.dataTransfer || !Array.from(ev.dataTransfer.types).includes('Files')) return;
    depth++;
    document.body.classList.add('dragging');
  });
  document.addEventListener('dragleave', () => {
    if (--depth <= 0) { depth = 0; document.body.classList.remove('dragging'); }
  });
  document.addEventListener('dragover', ev => { ev.preventDefault(); });
  document.addEventListener('drop', ev => {
    ev.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    const file = ev.dataTransfer && ev.dataTransfer.files[0];
    if (!file) return;
    // A file dropped on one of the other file fields goes there; anywhere
    // else, a .toml is a saved profile, the zip or summary of a pack the
    // previous pack, a pack's remediation workbook the returned one, and
    // anything else the export.
    const target = ev.target.closest && ev.target.closest('[data-path]');
    let input = users;
    if (target && target.querySelector('input[type=file]') && target.dataset.path !== 'users') {
      input = target.querySelector('input[type=file]');
    } else if (/\.toml$/i.test(file.name)) {
      input = profileInput;
      $('more-export').open = true;
    } else if (/(\.zip|-summary\.json)$/i.test(file.name)) {
      input = $('f-since');
      $('group-progress').open = true;
    } else if (/-remediation\.xlsx$/i.test(file.name)) {
      input = $('f-tracker');
      $('group-progress').open = true;
    }
    const dt = new DataTransfer();
    dt.items.add(file);
    input.files = dt.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
})();
