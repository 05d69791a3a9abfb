// SDG Search admin page: plain DOM, no framework. Every value from the server is put on the page with textContent
// (never innerHTML), so names, URLs and reasons taken from crawled sites cannot inject markup.
(function () {
  'use strict';
  let auth = null;

  const $ = (id) => document.getElementById(id);

  function el(tag, text, attrs) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (attrs) Object.keys(attrs).forEach((k) => e.setAttribute(k, attrs[k]));
    return e;
  }

  function button(label, onClick) {
    const b = el('button', label, { type: 'button' });
    b.addEventListener('click', onClick);
    return b;
  }

  async function api(method, path, body, type) {
    // X-Requested-With: the server refuses state-changing admin calls without it (a cross-site form cannot set it).
    const headers = { 'Authorization': auth, 'Accept': 'application/json', 'X-Requested-With': 'sdg-admin' };
    if (body !== undefined) headers['Content-Type'] = type || 'application/yaml';
    const r = await fetch(path, { method, headers, body, credentials: 'omit', cache: 'no-store' });
    const text = await r.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = text; }
    if (!r.ok) {
      const why = data && data.detail ? data.detail + (data.parameter ? ' (' + data.parameter + ')' : '') : r.status + ' ' + r.statusText;
      const err = new Error(why);
      err.status = r.status;
      throw err;
    }
    return data;
  }

  function when(t) { return t ? new Date(t).toLocaleString() : '—'; }

  function bytes(n) {
    const units = ['B', 'kB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = Number(n) || 0;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return v.toFixed(i ? 1 : 0) + ' ' + units[i];
  }

  function eta(s) {
    if (s < 0) return 'unknown';
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.round(s / 60) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  }

  function show(target, text, ok) {
    const t = $(target);
    t.textContent = text;
    t.className = ok ? 'ok' : 'error';
  }

  async function refreshRunning() {
    if (!auth) return;
    let jobs;
    try { jobs = await api('GET', '/api/admin/crawls'); } catch (e) { return; }
    const body = $('running');
    body.replaceChildren();
    if (!jobs.length) {
      const tr = el('tr');
      tr.appendChild(el('td', 'No crawl is running.', { colspan: '11', class: 'muted' }));
      body.appendChild(tr);
    }
    jobs.forEach((p) => {
      const tr = el('tr');
      tr.appendChild(el('td', p.sourceId));
      const cell = el('td');
      const bar = el('progress', null, { max: '100', 'aria-label': 'progress of ' + p.sourceId });
      if (p.percent >= 0) bar.value = p.percent; // no value: an indeterminate bar while the size is unknown
      cell.appendChild(bar);
      cell.appendChild(el('span', p.percent >= 0 ? ' ' + p.percent + ' %' : ' estimating', { class: 'muted' }));
      tr.appendChild(cell);
      [p.discovered, p.fetched, p.notModified, p.failed, p.removed, bytes(p.bytes), p.pagesPerSecond, eta(p.etaSeconds)]
        .forEach((v) => tr.appendChild(el('td', v)));
      const actions = el('td');
      actions.appendChild(button('Cancel', () => act('DELETE', '/api/admin/sources/' + encodeURIComponent(p.sourceId) + '/crawl', 'crawl-all-status')));
      tr.appendChild(actions);
      body.appendChild(tr);
    });
  }

  async function refreshSources() {
    const sources = await api('GET', '/api/admin/sources');
    const body = $('sources');
    body.replaceChildren();
    sources.forEach((s) => {
      const id = encodeURIComponent(s.id);
      const tr = el('tr');
      [s.id, s.name, s.origin, s.schedule, when(s.lastRun), when(s.nextRun)].forEach((v) => tr.appendChild(el('td', v)));
      const actions = el('td');
      actions.appendChild(button('Crawl', () => act('POST', '/api/admin/sources/' + id + '/crawl', 'crawl-all-status')));
      actions.appendChild(button('History', () => details('History of ' + s.id, '/api/admin/sources/' + id + '/history', historyTable)));
      actions.appendChild(button('Failures', () => details('Failures of ' + s.id, '/api/admin/sources/' + id + '/failures', failureTable)));
      actions.appendChild(button('Health', () => details('Crawl health of ' + s.id, '/api/admin/sources/' + id + '/health', healthView)));
      actions.appendChild(button('Edit', async () => { $('source-body').value = JSON.stringify(await api('GET', '/api/admin/sources/' + id), null, 2); }));
      actions.appendChild(button('Remove', async () => {
        if (!window.confirm('Remove ' + s.id + ' with all its documents?')) return;
        await act('DELETE', '/api/admin/sources/' + id, 'source-status');
      }));
      tr.appendChild(actions);
      body.appendChild(tr);
    });
  }

  async function act(method, path, statusId) {
    try {
      const r = await api(method, path);
      show(statusId, method + ' done' + (r && r.started ? ': started ' + (r.started.join(', ') || 'nothing') : ''), true);
    } catch (e) {
      show(statusId, e.message, false);
    }
    refreshRunning();
    refreshSources().catch(() => {});
  }

  function table(headers, rows) {
    const t = el('table');
    const head = el('tr');
    headers.forEach((h) => head.appendChild(el('th', h)));
    t.appendChild(el('thead')).appendChild(head);
    const body = t.appendChild(el('tbody'));
    rows.forEach((r) => {
      const tr = el('tr');
      r.forEach((v) => tr.appendChild(el('td', v)));
      body.appendChild(tr);
    });
    return t;
  }

  function historyTable(h) {
    return table(['Started', 'State', 'Duration (s)', 'Discovered', 'Fetched', 'Not modified', 'Failed', 'Removed', 'Disallowed', 'Bytes', 'Error'],
      h.map((p) => [when(p.started), p.state, p.durationSeconds, p.discovered, p.fetched, p.notModified, p.failed, p.removed, p.disallowed, bytes(p.bytes), p.error || '']));
  }

  function failureTable(f) {
    return table(['URL', 'HTTP', 'Reason', 'Failures', 'First seen', 'Last seen'],
      f.map((x) => [x.url, x.httpStatus || '—', x.reason, x.failures, when(x.firstSeen), when(x.lastSeen)]));
  }

  function healthView(h) {
    const d = el('div');
    d.appendChild(table(['Pages indexed', 'Documents', 'Blocked by robots.txt', 'Gone', 'Failed', 'Waiting'],
      [[h.pagesIndexed, h.documentsIndexed, h.blockedByRobots, h.gone, h.failed, h.waiting]]));
    d.appendChild(el('h3', 'Slowest pages'));
    d.appendChild(table(['URL', 'ms'], h.slowest.map((s) => [s.url, s.milliseconds])));
    d.appendChild(el('h3', 'Failures'));
    d.appendChild(failureTable(h.failures));
    return d;
  }

  async function details(title, path, render) {
    $('details-title').textContent = title;
    const target = $('details');
    target.className = '';
    try {
      target.replaceChildren(render(await api('GET', path)));
    } catch (e) {
      target.replaceChildren(el('p', e.message, { class: 'error' }));
    }
  }

  async function saveSource(replace) {
    const text = $('source-body').value;
    const type = text.trim().startsWith('{') ? 'application/json' : 'application/yaml';
    try {
      let id = null;
      if (replace) {
        const m = type === 'application/json' ? { 1: JSON.parse(text).id } : /^id:\s*['"]?([a-z0-9-]+)/m.exec(text);
        id = m && m[1];
        if (!id) throw new Error('The body needs an id');
      }
      const s = await api(replace ? 'PUT' : 'POST', replace ? '/api/admin/sources/' + encodeURIComponent(id) : '/api/admin/sources', text, type);
      show('source-status', (replace ? 'Replaced ' : 'Added ') + s.id, true);
      refreshSources();
    } catch (e) {
      show('source-status', e.message, false);
    }
  }

  async function loadFreshness() {
    const r = await api('GET', '/api/admin/freshness');
    const target = $('freshness');
    target.replaceChildren(el('p', 'Stale after ' + r.staleAfter + ': ' + r.stale.length + ' partnership(s).'),
      table(['Partnership', 'Last change', 'Days since', 'Stale'], r.partnerships.map((f) => [f.name + ' (' + f.partnership + ')', when(f.lastChanged), f.daysSince < 0 ? '—' : f.daysSince, f.stale ? 'yes' : 'no'])));
  }

  $('login').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const user = $('user').value;
    const password = $('password').value;
    // btoa only takes Latin-1: encode UTF-8 first so any password works.
    auth = 'Basic ' + btoa(String.fromCharCode(...new TextEncoder().encode(user + ':' + password)));
    try {
      await refreshSources();
      $('login-status').textContent = 'Signed in as ' + user;
      $('login-status').className = 'ok';
      $('app').hidden = false;
      refreshRunning();
    } catch (e) {
      auth = null;
      $('login-status').textContent = e.status === 401 ? 'Wrong user or password, or the admin API is disabled (set SDG_ADMIN_PASSWORD).'
        : e.status === 403 ? 'This user is not an administrator.' : e.message;
      $('login-status').className = 'error';
    }
  });
  $('crawl-all').addEventListener('click', () => act('POST', '/api/admin/crawls', 'crawl-all-status'));
  $('add').addEventListener('click', () => saveSource(false));
  $('replace').addEventListener('click', () => saveSource(true));
  $('freshness-load').addEventListener('click', () => loadFreshness().catch((e) => show('backup-status', e.message, false)));
  $('backup').addEventListener('click', async () => {
    try {
      const b = await api('POST', '/api/admin/backup');
      show('backup-status', 'Wrote ' + b.files + ' files (' + bytes(b.bytes) + ', ' + b.documents + ' documents) to ' + b.path, true);
    } catch (e) {
      show('backup-status', e.message, false);
    }
  });
  setInterval(refreshRunning, 2000);
})();
