// SDG Search page: search with suggestions and facets, a document view with SDG evidence, a partnership page with an
// SDG wheel. No framework and no build step.
//
// Safety rule for this file: everything that comes from the API is untrusted crawled text and goes into the page with
// textContent or setAttribute — except the `snippet` field, which the server sends as escaped text with <mark>, and
// which is still rebuilt here from text and <mark> nodes only (safeSnippet) so a server bug cannot run a script.
// Links from crawled data are used only if they are http(s) (safeUrl).

const API = new URL('api/', document.baseURI);
const PAGE_SIZE = 10;
const FACET_LIMIT = 8;
const SVG_NS = 'http://www.w3.org/2000/svg';
const LIST_PARAMS = ['sdg', 'partnership', 'lang', 'type', 'country', 'year'];
const FACETS = [
  ['partnership', 'Partnership'], ['lang', 'Language'], ['type', 'Document type'],
  ['country', 'Country'], ['year', 'Year'],
];
// The API names facet dimensions by index field; the URL uses the query-language names.
const FACET_KEY = {partnership: 'partnership', lang: 'language', type: 'type', country: 'country', year: 'year'};
const TYPE_NAMES = {
  web: 'Web page', pdf: 'PDF', word: 'Word document', slides: 'Slides', spreadsheet: 'Spreadsheet',
  text: 'Text', ebook: 'E-book', other: 'Other',
};
// Official SDG colours, used until /api/sdgs answers (and if it fails).
const SDG_COLOURS = ['#E5243B', '#DDA63A', '#4C9F38', '#C5192D', '#FF3A21', '#26BDE2', '#FCC30B', '#A21942', '#FD6925',
  '#DD1367', '#FD9D24', '#BF8B2E', '#3F7E44', '#0A97D9', '#56C02B', '#00689D', '#19486A'];

const languageNames = displayNames('language');
const regionNames = displayNames('region');
const numberFormat = new Intl.NumberFormat('en');
const dateFormat = new Intl.DateTimeFormat('en', {year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'});

const $ = (id) => document.getElementById(id);
const els = {
  form: $('search-form'), q: $('q'), list: $('suggestions'), alert: $('alert'), searchView: $('search-view'),
  docView: $('doc-view'), partnershipView: $('partnership-view'), chips: $('sdg-chips'), facets: $('facets'),
  status: $('status'), sort: $('sort'), active: $('active-filters'), dym: $('did-you-mean'), notices: $('notices'),
  results: $('results'), pagination: $('pagination'), resultsHeading: $('results-heading'),
};

// English short names, so the chips read well before /api/sdgs answers (it brings the other languages).
const SDG_NAMES = ['No poverty', 'Zero hunger', 'Good health and well-being', 'Quality education', 'Gender equality',
  'Clean water and sanitation', 'Affordable and clean energy', 'Decent work and economic growth',
  'Industry, innovation and infrastructure', 'Reduced inequalities', 'Sustainable cities and communities',
  'Responsible consumption and production', 'Climate action', 'Life below water', 'Life on land',
  'Peace, justice and strong institutions', 'Partnerships for the goals'];
const goals = SDG_NAMES.map((en, i) => ({number: i + 1, colour: SDG_COLOURS[i], names: {en}}));
let partnershipNames = new Map();
let renderSeq = 0;
let lastResult = null;
const expandedFacets = new Set();

// ---------------------------------------------------------------- small DOM helpers

/** Creates an element; props are properties (textContent, className, ...) except `attrs`, `on` and `data`. */
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v == null || v === false) continue;
    if (k === 'attrs') for (const [a, av] of Object.entries(v)) { if (av != null && av !== false) el.setAttribute(a, String(av)); }
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'data') Object.assign(el.dataset, v);
    else el[k] = v;
  }
  for (const c of children.flat()) if (c != null && c !== false) el.append(c);
  return el;
}

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [a, v] of Object.entries(attrs)) el.setAttribute(a, String(v));
  for (const c of children.flat()) if (c != null) el.append(c);
  return el;
}

/** replaceChildren that skips null and false, like h(). */
function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter((c) => c != null && c !== false));
  return el;
}

function visuallyHidden(text) {
  return h('span', {className: 'visually-hidden', textContent: text});
}

/** The URL if it is an absolute http(s) URL, else null: crawled links may say javascript: or data:. */
export function safeUrl(u) {
  if (typeof u !== 'string') return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The snippet as a fragment of text and <mark> elements only. DOMParser documents are inert (no scripts, no
 * image loads), and nothing but text and <mark> is copied out of it.
 */
export function safeSnippet(html) {
  const frag = document.createDocumentFragment();
  if (typeof html !== 'string' || !html) return frag;
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${html}`, 'text/html');
  const copy = (from, to) => {
    for (const n of from.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) to.append(n.data);
      else if (n.nodeType === Node.ELEMENT_NODE && n.localName === 'mark') copy(n, to.appendChild(document.createElement('mark')));
      else if (n.nodeType === Node.ELEMENT_NODE) to.append(n.textContent);
    }
  };
  copy(doc.body, frag);
  return frag;
}

function displayNames(type) {
  try {
    const dn = new Intl.DisplayNames(['en'], {type});
    return (code) => { try { return dn.of(code) || code; } catch { return code; } };
  } catch {
    return (code) => code;
  }
}

function facetLabel(dim, value) {
  switch (dim) {
    case 'partnership': return partnershipNames.get(value) || value;
    case 'lang': return value === 'und' ? 'Unknown language' : languageNames(value);
    case 'type': return TYPE_NAMES[value] || value;
    case 'country': return /^[A-Z]{2}$/.test(value) ? regionNames(value) : value;
    default: return value;
  }
}

function goalName(n) {
  const g = goals[n - 1];
  return (g && g.names && g.names.en) || `Goal ${n}`;
}

/** Black or white, whichever reads better on the colour (both pass WCAG AA on one side of the crossover). */
function inkOn(hex) {
  const c = /^#?([0-9a-f]{6})$/i.exec(hex || '');
  if (!c) return '#000';
  const v = parseInt(c[1], 16);
  const lin = (x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
  const L = 0.2126 * lin(v >> 16) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255);
  return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? '#000' : '#fff';
}

function colourBox(el, n) {
  const colour = (goals[n - 1] && goals[n - 1].colour) || '#555';
  el.style.backgroundColor = colour;
  el.style.color = inkOn(colour);
  return el;
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

async function api(path, params, signal) {
  const url = new URL(path, API);
  if (params) url.search = params.toString();
  let res;
  try {
    res = await fetch(url, {headers: {Accept: 'application/json'}, signal});
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('The search service cannot be reached. Check your connection and try again.', 0);
  }
  if (!res.ok) {
    let detail = `The search service answered with an error (${res.status}).`;
    try {
      const p = await res.json();
      if (p && typeof p.detail === 'string') detail = p.detail;
    } catch { /* not JSON */ }
    throw new ApiError(detail, res.status);
  }
  return res.json();
}

function showAlert(message) {
  els.alert.textContent = message || '';
  els.alert.hidden = !message;
}

// ---------------------------------------------------------------- state <-> URL

function readState(search = location.search) {
  const p = new URLSearchParams(search);
  const state = {q: p.get('q') || '', sort: p.get('sort') === 'date' ? 'date' : 'relevance',
    page: Math.max(1, parseInt(p.get('page'), 10) || 1),
    yearFrom: p.get('yearFrom') || '', yearTo: p.get('yearTo') || '',
    doc: p.get('doc') || '', org: p.get('org') || ''};
  for (const k of LIST_PARAMS) state[k] = [...new Set(p.getAll(k).flatMap((v) => v.split(',')).filter(Boolean))];
  return state;
}

function searchParams(state, {forApi = false} = {}) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const k of LIST_PARAMS) for (const v of state[k] || []) p.append(k, v);
  if (state.yearFrom) p.set('yearFrom', state.yearFrom);
  if (state.yearTo) p.set('yearTo', state.yearTo);
  if (state.sort === 'date') p.set('sort', 'date');
  if (state.page > 1) p.set('page', String(state.page));
  if (forApi) p.set('size', String(PAGE_SIZE));
  return p;
}

function searchHref(state) {
  const qs = searchParams(state).toString();
  return qs ? `./?${qs}` : './';
}

function navigate(href, {replace = false, focus = null} = {}) {
  const url = new URL(href, location.href);
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  return render(focus);
}

// Same-origin links marked data-nav are handled here, so that they work without reload and with the back button.
document.addEventListener('click', (e) => {
  const a = e.target.closest && e.target.closest('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  navigate(url.href, {focus: a.dataset.focus || 'heading'});
});

window.addEventListener('popstate', () => render('none'));

function toggled(state, key, value) {
  const next = {...state, page: 1, doc: '', org: ''};
  const list = new Set(state[key]);
  if (list.has(value)) list.delete(value); else list.add(value);
  next[key] = [...list];
  return next;
}

// ---------------------------------------------------------------- rendering

async function render(focus = 'none') {
  const seq = ++renderSeq;
  const state = readState();
  closeSuggestions();
  showAlert('');
  els.q.value = state.q;
  // Tests and assistive tooling can wait for data-state="ready".
  document.body.dataset.state = 'loading';
  try {
    if (state.doc) await showView('doc', () => renderDocument(state.doc, seq, focus));
    else if (state.org) await showView('partnership', () => renderPartnership(state.org, seq, focus));
    else await showView('search', () => renderSearch(state, seq, focus));
  } finally {
    if (seq === renderSeq) document.body.dataset.state = 'ready';
  }
}

function showView(which, run) {
  els.searchView.hidden = which !== 'search';
  els.docView.hidden = which !== 'doc';
  els.partnershipView.hidden = which !== 'partnership';
  return run();
}

async function renderSearch(state, seq, focus) {
  els.sort.value = state.sort;
  els.searchView.setAttribute('aria-busy', 'true');
  let result;
  try {
    result = await api('search', searchParams(state, {forApi: true}));
  } catch (e) {
    if (seq !== renderSeq) return;
    els.searchView.removeAttribute('aria-busy');
    showAlert(e.message);
    els.status.textContent = 'No results could be loaded.';
    return;
  }
  if (seq !== renderSeq) return;
  els.searchView.removeAttribute('aria-busy');
  lastSearchHref = searchHref(state);
  lastResult = {seq, result};
  document.title = state.q ? `${state.q} — SDG Search` : 'SDG Search';
  renderChips(state, result.facets && result.facets.sdg);
  renderFacets(state, result.facets || {});
  renderActiveFilters(state);
  const total = result.total || 0;
  const first = (result.page - 1) * result.size + 1;
  els.status.textContent = total === 0 ? 'No documents match.'
    : `${numberFormat.format(total)} ${total === 1 ? 'document' : 'documents'}`
      + (total > result.hits.length ? `, showing ${first}–${first + result.hits.length - 1}` : '')
      + (typeof result.tookMillis === 'number' ? ` (${result.tookMillis} ms)` : '');
  renderDidYouMean(state, result.didYouMean);
  fill(els.notices, ...(result.notices || []).map((n) => h('li', {textContent: n})));
  els.notices.hidden = !(result.notices && result.notices.length);
  fill(els.results, ...result.hits.map((hit) => resultItem(hit)));
  els.results.start = first;
  els.results.dataset.total = String(total);
  renderPagination(state, total, result.size || PAGE_SIZE);
  if (focus === 'heading') els.resultsHeading.focus();
}

function renderDidYouMean(state, suggestion) {
  els.dym.hidden = !suggestion;
  if (!suggestion) return;
  const href = searchHref({...state, q: suggestion, page: 1});
  fill(els.dym, 'Did you mean ', h('a', {href, textContent: suggestion, data: {nav: ''}}), '?');
}

function renderChips(state, values) {
  const counts = new Map((values || []).map((v) => [String(v.value), v.count]));
  const selected = new Set(state.sdg);
  fill(els.chips, ...goals.map((g) => {
    const n = String(g.number);
    const on = selected.has(n);
    const count = counts.get(n) || 0;
    const chip = h('button', {
      type: 'button', className: 'chip' + (on ? ' on' : '') + (count === 0 && !on ? ' empty' : ''),
      attrs: {'aria-pressed': on ? 'true' : 'false', 'data-sdg': n},
      on: {click: () => navigate(searchHref(toggled(readState(), 'sdg', n)), {focus: 'none'}).then(() => focusChip(n))},
    },
    colourBox(h('span', {className: 'chip-num', attrs: {'aria-hidden': 'true'}, textContent: n}), g.number),
    h('span', {className: 'chip-name'}, visuallyHidden(`SDG ${n}: `), goalName(g.number)),
    h('span', {className: 'chip-count'}, numberFormat.format(count), visuallyHidden(count === 1 ? ' document' : ' documents')));
    chip.title = `SDG ${n}: ${goalName(g.number)}`;
    return h('li', {}, chip);
  }));
}

function focusChip(n) {
  const chip = els.chips.querySelector(`[data-sdg="${n}"]`);
  if (chip) chip.focus();
}

function renderFacets(state, facets) {
  const groups = [];
  for (const [dim, title] of FACETS) {
    let values = facets[FACET_KEY[dim]] || facets[dim] || [];
    const selected = new Set(state[dim]);
    // A selected value with no count left still has to be shown, or it could not be unselected.
    for (const s of selected) if (!values.some((v) => String(v.value) === s)) values = [...values, {value: s, count: 0, selected: true}];
    if (!values.length) continue;
    if (dim === 'year') values = [...values].sort((a, b) => Number(b.value) - Number(a.value));
    const expanded = expandedFacets.has(dim);
    const shown = expanded ? values : values.filter((v, i) => i < FACET_LIMIT || selected.has(String(v.value)));
    const id = `facet-${dim}`;
    const items = shown.map((v, i) => {
      const value = String(v.value);
      const cid = `${id}-${i}`;
      return h('li', {},
        h('input', {type: 'checkbox', id: cid, checked: selected.has(value), value,
          on: {change: () => navigate(searchHref(toggled(readState(), dim, value)), {focus: 'none'})
            .then(() => { const el = document.getElementById(cid); if (el) el.focus(); })}}),
        h('label', {htmlFor: cid},
          h('span', {className: 'facet-name', textContent: facetLabel(dim, value)}),
          h('span', {className: 'facet-count', textContent: numberFormat.format(v.count || 0)})));
    });
    const more = values.length > shown.length || expanded && values.length > FACET_LIMIT
      ? h('button', {type: 'button', className: 'link-button', textContent: expanded ? 'Show fewer' : `Show all ${values.length}`,
        attrs: {'aria-expanded': String(expanded), 'aria-controls': `${id}-list`},
        on: {click: () => { if (expanded) expandedFacets.delete(dim); else expandedFacets.add(dim); renderFacets(readState(), facets); document.querySelector(`#${id} .link-button`)?.focus(); }}})
      : null;
    groups.push(h('fieldset', {className: 'facet', id},
      h('legend', {className: 'facet-title', textContent: title}),
      h('ul', {id: `${id}-list`}, items), more));
  }
  fill(els.facets, ...groups);
}

function renderActiveFilters(state) {
  const chips = [];
  for (const k of LIST_PARAMS) {
    for (const v of state[k]) {
      const label = k === 'sdg' ? `SDG ${v}: ${goalName(Number(v))}` : `${facetLabel(k, v)}`;
      chips.push(h('li', {}, h('a', {href: searchHref(toggled(state, k, v)), className: 'remove-filter', data: {nav: '', focus: 'none'}},
        visuallyHidden('Remove filter '), label, h('span', {attrs: {'aria-hidden': 'true'}, textContent: ' ×'}))));
    }
  }
  if (state.yearFrom || state.yearTo) {
    chips.push(h('li', {}, h('a', {href: searchHref({...state, yearFrom: '', yearTo: '', page: 1}), className: 'remove-filter', data: {nav: ''}},
      visuallyHidden('Remove filter '), `Years ${state.yearFrom || '…'}–${state.yearTo || '…'}`, h('span', {attrs: {'aria-hidden': 'true'}, textContent: ' ×'}))));
  }
  fill(els.active, ...(chips.length
    ? [h('span', {className: 'active-label', textContent: 'Filters:'}), h('ul', {}, chips),
      h('a', {href: searchHref({q: state.q, sort: state.sort, page: 1}), textContent: 'Clear all', data: {nav: ''}})]
    : []));
}

function sdgBadges(sdgs) {
  if (!sdgs || !sdgs.length) return null;
  return h('ul', {className: 'badges', attrs: {'aria-label': 'Sustainable Development Goals'}},
    sdgs.map((n) => h('li', {}, colourBox(h('span', {className: 'badge', title: `SDG ${n}: ${goalName(n)}`},
      visuallyHidden('SDG '), String(n), visuallyHidden(`: ${goalName(n)}`)), n))));
}

function partnershipLinks(ids) {
  if (!ids || !ids.length) return null;
  const items = ids.map((id) => h('a', {href: `./?org=${encodeURIComponent(id)}`, data: {nav: ''},
    textContent: partnershipNames.get(id) || id}));
  const out = h('span', {className: 'partners'});
  items.forEach((a, i) => { if (i) out.append(', '); out.append(a); });
  return out;
}

function metaLine(hit) {
  const parts = [];
  if (hit.type) parts.push(TYPE_NAMES[hit.type] || hit.type);
  if (hit.language && hit.language !== 'und') parts.push(languageNames(hit.language));
  if (hit.year) parts.push(String(hit.year));
  return parts.join(' · ');
}

function resultItem(hit, {compact = false} = {}) {
  const external = safeUrl(hit.url);
  const title = (hit.title || '').trim() || external || 'Untitled document';
  const headingTag = compact ? 'h3' : 'h2';
  return h('li', {className: 'result'},
    h(headingTag, {className: 'result-title'},
      h('a', {href: `./?doc=${encodeURIComponent(hit.id)}`, data: {nav: ''}, textContent: title})),
    external ? h('a', {className: 'result-url', href: external, rel: 'noopener noreferrer nofollow', textContent: external}) : null,
    hit.snippet ? h('p', {className: 'snippet'}, safeSnippet(hit.snippet)) : null,
    h('div', {className: 'result-meta'},
      sdgBadges(hit.sdgs),
      hit.partnerships && hit.partnerships.length ? h('span', {}, visuallyHidden('Published by '), partnershipLinks(hit.partnerships)) : null,
      h('span', {className: 'muted', textContent: metaLine(hit)})));
}

function renderPagination(state, total, size) {
  const pages = Math.min(Math.ceil(total / size), 1000);
  if (pages <= 1) { fill(els.pagination); return; }
  const cur = Math.min(state.page, pages);
  const link = (p, text, label, current) => h('li', {}, current
    ? h('a', {attrs: {'aria-current': 'page', 'aria-label': `Page ${p}`}, className: 'current', textContent: text, href: searchHref({...state, page: p}), data: {nav: '', focus: 'heading'}})
    : h('a', {href: searchHref({...state, page: p}), textContent: text, attrs: {'aria-label': label}, data: {nav: '', focus: 'heading'}}));
  const items = [];
  if (cur > 1) items.push(link(cur - 1, '‹ Previous', 'Previous page'));
  const from = Math.max(1, cur - 2);
  const to = Math.min(pages, from + 4);
  if (from > 1) items.push(link(1, '1', 'Page 1'));
  if (from > 2) items.push(h('li', {className: 'gap', attrs: {'aria-hidden': 'true'}, textContent: '…'}));
  for (let p = from; p <= to; p++) items.push(link(p, String(p), `Page ${p}`, p === cur));
  if (to < pages) items.push(link(pages, String(pages), `Page ${pages}`));
  if (cur < pages) items.push(link(cur + 1, 'Next ›', 'Next page'));
  fill(els.pagination, h('ul', {}, items));
}

// ---------------------------------------------------------------- document view

// The search the user came from, so "back to search" returns to it rather than to an empty page.
let lastSearchHref = './';

function backLink() {
  return h('p', {className: 'back'}, h('a', {href: lastSearchHref, textContent: '‹ Back to search', data: {nav: ''}}));
}

async function renderDocument(id, seq, focus) {
  const view = els.docView;
  fill(view, h('p', {className: 'muted', textContent: 'Loading the document…'}));
  let doc;
  let related = [];
  try {
    const enc = encodeURIComponent(id);
    [doc, related] = await Promise.all([
      api(`documents/${enc}`),
      api(`documents/${enc}/related`, new URLSearchParams({size: '5'})).catch(() => []),
    ]);
  } catch (e) {
    if (seq !== renderSeq) return;
    fill(view, backLink(), h('h1', {tabIndex: -1, textContent: e.status === 404 ? 'Document not found' : 'The document could not be loaded'}),
      h('p', {textContent: e.message}));
    if (focus !== 'none') view.querySelector('h1').focus();
    return;
  }
  if (seq !== renderSeq) return;
  const title = (doc.title || '').trim() || 'Untitled document';
  document.title = `${title} — SDG Search`;
  const profile = doc.sdgProfile || {};
  const urls = [...new Set([doc.url, ...(doc.urls || [])])].map(safeUrl).filter(Boolean);
  const facts = [
    ['Published by', doc.partnerships && doc.partnerships.length
      ? partnershipLinks(doc.partnerships.map((p) => { if (p.name) partnershipNames.set(p.id, p.name); return p.id; })) : null],
    ['Type', doc.type ? `${TYPE_NAMES[doc.type] || doc.type}${doc.mediaType ? ` (${doc.mediaType})` : ''}` : null],
    ['Language', doc.language && doc.language !== 'und' ? languageNames(doc.language) : null],
    ['Year', doc.year ? String(doc.year) : null],
    ['Published', formatDate(doc.published)],
    ['Modified', formatDate(doc.modified)],
    ['Author', doc.author || null],
    ['Pages', doc.pages ? String(doc.pages) : null],
    ['Countries', doc.countries && doc.countries.length ? doc.countries.map((c) => facetLabel('country', c)).join(', ') : null],
    ['Last fetched', formatDate(doc.fetched)],
  ].filter(([, v]) => v);
  fill(view,
    backLink(),
    h('h1', {tabIndex: -1, textContent: title}),
    sdgBadges(profile.assigned),
    doc.description ? h('p', {className: 'lead', textContent: doc.description}) : null,
    h('dl', {className: 'facts'}, facts.flatMap(([k, v]) => [h('dt', {textContent: k}), h('dd', {}, v)])),
    urls.length ? h('section', {className: 'urls', attrs: {'aria-labelledby': 'doc-urls'}},
      h('h2', {id: 'doc-urls', textContent: urls.length === 1 ? 'Source' : 'Sources'}),
      h('ul', {}, urls.map((u) => h('li', {}, h('a', {href: u, rel: 'noopener noreferrer nofollow', textContent: u}))))) : null,
    sdgProfileSection(profile),
    doc.excerpt ? h('section', {attrs: {'aria-labelledby': 'doc-excerpt'}},
      h('h2', {id: 'doc-excerpt', textContent: 'Excerpt'}), h('p', {className: 'excerpt', textContent: doc.excerpt})) : null,
    h('section', {attrs: {'aria-labelledby': 'doc-related'}},
      h('h2', {id: 'doc-related', textContent: 'Related work from other partnerships'}),
      related.length ? h('ol', {className: 'results compact'}, related.map((r) => resultItem(r, {compact: true})))
        : h('p', {className: 'muted', textContent: 'No related documents from other partnerships yet.'})),
  );
  if (focus !== 'none') view.querySelector('h1').focus();
}

function formatDate(s) {
  if (!s) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : dateFormat.format(d);
}

function sdgProfileSection(profile) {
  const scores = (profile.scores || []).filter((s) => s && s.sdg >= 1 && s.sdg <= 17);
  const evidence = profile.evidence || [];
  const section = h('section', {className: 'profile', attrs: {'aria-labelledby': 'doc-profile'}},
    h('h2', {id: 'doc-profile', textContent: 'SDG profile and evidence'}));
  if (profile.reason) section.append(h('p', {className: 'muted', textContent: `No SDGs assigned: ${profile.reason}`}));
  if (scores.length) {
    const assigned = new Set(profile.assigned || []);
    section.append(h('table', {className: 'scores'},
      h('caption', {className: 'visually-hidden', textContent: 'Score of the document for each goal'}),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col', textContent: 'Goal'}), h('th', {scope: 'col', textContent: 'Score'}))),
      h('tbody', {}, scores.map((s) => {
        const pct = Math.round(Math.max(0, Math.min(1, s.score || 0)) * 100);
        const bar = h('span', {className: 'bar'});
        bar.style.width = `${pct}%`;
        bar.style.backgroundColor = (goals[s.sdg - 1] || {}).colour || '#555';
        return h('tr', {className: assigned.has(s.sdg) ? 'assigned' : ''},
          h('th', {scope: 'row'}, colourBox(h('span', {className: 'badge', attrs: {'aria-hidden': 'true'}, textContent: String(s.sdg)}), s.sdg),
            ` ${goalName(s.sdg)}`, assigned.has(s.sdg) ? visuallyHidden(' (assigned)') : null),
          h('td', {}, h('span', {className: 'bar-track', attrs: {'aria-hidden': 'true'}}, bar), ` ${pct}%`));
      }))));
  }
  for (const ev of evidence) {
    const passages = ev.passages || [];
    const terms = ev.terms || [];
    section.append(h('section', {className: 'evidence'},
      h('h3', {}, colourBox(h('span', {className: 'badge', attrs: {'aria-hidden': 'true'}, textContent: String(ev.sdg)}), ev.sdg),
        ` SDG ${ev.sdg}: ${goalName(ev.sdg)}`),
      terms.length ? h('p', {className: 'terms'}, h('span', {className: 'muted', textContent: 'Top terms: '}),
        h('ul', {className: 'term-list'}, terms.map((t) => h('li', {textContent: t})))) : null,
      passages.length ? h('ul', {className: 'passages'}, passages.map((p) => h('li', {},
        h('blockquote', {textContent: p.text || ''}),
        h('p', {className: 'muted', textContent: [p.page ? `Page ${p.page}` : null,
          typeof p.score === 'number' ? `score ${p.score.toFixed(2)}` : null].filter(Boolean).join(' · ')})))) : null));
  }
  if (!scores.length && !evidence.length && !profile.reason) section.append(h('p', {className: 'muted', textContent: 'No SDG profile.'}));
  return section;
}

// ---------------------------------------------------------------- partnership view

async function renderPartnership(id, seq, focus) {
  const view = els.partnershipView;
  fill(view, h('p', {className: 'muted', textContent: 'Loading the partnership…'}));
  let p;
  try {
    p = await api(`partnerships/${encodeURIComponent(id)}`);
  } catch (e) {
    if (seq !== renderSeq) return;
    fill(view, backLink(), h('h1', {tabIndex: -1, textContent: e.status === 404 ? 'Partnership not found' : 'The partnership could not be loaded'}),
      h('p', {textContent: e.message}));
    if (focus !== 'none') view.querySelector('h1').focus();
    return;
  }
  if (seq !== renderSeq) return;
  const name = p.name || p.id;
  partnershipNames.set(p.id, name);
  document.title = `${name} — SDG Search`;
  const total = p.documents || 0;
  const sdgDocs = p.sdgDocuments || {};
  const declared = new Set((p.declaredSdgs || []).map(Number));
  const sites = (p.websites || []).map((w) => [w, safeUrl(w)]);
  const facts = [
    ['Lead organisations', (p.leadOrganisations || []).join(', ')],
    ['Stakeholders', (p.stakeholderTypes || []).join(', ')],
    ['Countries', (p.countries || []).map((c) => facetLabel('country', c)).join(', ')],
    ['Declared SDGs', [...declared].sort((a, b) => a - b).map((n) => `${n} ${goalName(n)}`).join('; ')],
    ['Documents', numberFormat.format(total)],
    ['Last content change', formatDate(p.lastContentChange)],
  ].filter(([, v]) => v);
  fill(view,
    backLink(),
    h('h1', {tabIndex: -1, textContent: name}),
    p.description ? h('p', {className: 'lead', textContent: p.description}) : null,
    h('dl', {className: 'facts'}, facts.flatMap(([k, v]) => [h('dt', {textContent: k}), h('dd', {textContent: v})])),
    sites.length ? h('section', {attrs: {'aria-labelledby': 'p-sites'}}, h('h2', {id: 'p-sites', textContent: 'Websites and document folders'}),
      h('ul', {}, sites.map(([w, u]) => h('li', {}, u ? h('a', {href: u, rel: 'noopener noreferrer', textContent: w}) : w)))) : null,
    h('section', {className: 'wheel-section', attrs: {'aria-labelledby': 'p-profile'}},
      h('h2', {id: 'p-profile', textContent: 'SDG profile'}),
      h('p', {className: 'muted', textContent: 'Each segment is a goal; the longer it reaches out, the larger the share of this partnership’s documents about it. Declared goals are outlined.'}),
      h('div', {className: 'wheel-wrap'}, sdgWheel(name, total, sdgDocs, declared),
        h('ol', {className: 'wheel-legend'}, goals.map((g) => {
          const n = sdgDocs[String(g.number)] || 0;
          const share = total ? Math.round((n / total) * 100) : 0;
          const label = `${goalName(g.number)}: ${numberFormat.format(n)} ${n === 1 ? 'document' : 'documents'} (${share}%)${declared.has(g.number) ? ', declared' : ''}`;
          return h('li', {value: g.number},
            colourBox(h('span', {className: 'badge', attrs: {'aria-hidden': 'true'}, textContent: String(g.number)}), g.number), ' ',
            n ? h('a', {href: searchHref({q: '', sdg: [String(g.number)], partnership: [p.id], page: 1, sort: 'relevance'}), data: {nav: ''}, textContent: label})
              : h('span', {textContent: label}));
        })))),
    h('p', {}, h('a', {className: 'button', href: searchHref({q: '', partnership: [p.id], page: 1, sort: 'relevance'}), data: {nav: ''},
      textContent: `Browse all ${numberFormat.format(total)} documents of ${name}`})),
  );
  if (focus !== 'none') view.querySelector('h1').focus();
}

/**
 * The SDG wheel: 17 equal segments in the official colours, each reaching out in proportion to the share of the
 * partnership's documents about that goal (relative to its strongest goal, so small partnerships still show a shape).
 */
export function sdgWheel(name, total, sdgDocs, declared) {
  const size = 360;
  const c = size / 2;
  const inner = 46;
  const outer = c - 26;
  const max = Math.max(1, ...goals.map((g) => sdgDocs[String(g.number)] || 0));
  const titleId = 'wheel-title';
  const descId = 'wheel-desc';
  const desc = goals.map((g) => `SDG ${g.number}: ${total ? Math.round(((sdgDocs[String(g.number)] || 0) / total) * 100) : 0}%`).join(', ');
  const root = svg('svg', {viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img',
    'aria-labelledby': `${titleId} ${descId}`, class: 'wheel'},
  svg('title', {id: titleId}, `SDG profile of ${name}`),
  svg('desc', {id: descId}, `Share of documents per goal: ${desc}.`));
  const step = (2 * Math.PI) / 17;
  const point = (r, a) => `${(c + r * Math.sin(a)).toFixed(2)} ${(c - r * Math.cos(a)).toFixed(2)}`;
  goals.forEach((g, i) => {
    const n = sdgDocs[String(g.number)] || 0;
    const a0 = i * step + 0.01;
    const a1 = (i + 1) * step - 0.01;
    // Ghost segment: the full extent, so the 17 goals stay recognisable even when most have no documents.
    const seg = (r, cls, opacity) => svg('path', {
      d: `M ${point(inner, a0)} L ${point(r, a0)} A ${r} ${r} 0 0 1 ${point(r, a1)} L ${point(inner, a1)} A ${inner} ${inner} 0 0 0 ${point(inner, a0)} Z`,
      fill: g.colour, 'fill-opacity': opacity, class: cls});
    root.append(seg(outer, 'ghost', 0.18));
    const r = inner + (outer - inner) * (n / max);
    if (n > 0) {
      const s = seg(r, 'segment', 1);
      s.append(svg('title', {}, `SDG ${g.number}: ${n} ${n === 1 ? 'document' : 'documents'}`));
      root.append(s);
    }
    if (declared.has(g.number)) {
      root.append(svg('path', {d: `M ${point(outer, a0)} A ${outer} ${outer} 0 0 1 ${point(outer, a1)}`,
        fill: 'none', stroke: '#1b1b1b', 'stroke-width': 4, class: 'declared'}));
    }
    const mid = (a0 + a1) / 2;
    const [lx, ly] = point(outer + 14, mid).split(' ');
    root.append(svg('text', {x: lx, y: ly, 'text-anchor': 'middle', 'dominant-baseline': 'central', class: 'wheel-num', 'aria-hidden': 'true'}, String(g.number)));
  });
  root.append(svg('text', {x: c, y: c, 'text-anchor': 'middle', 'dominant-baseline': 'central', class: 'wheel-total', 'aria-hidden': 'true'}, String(total)));
  return root;
}

// ---------------------------------------------------------------- suggestions (WAI-ARIA 1.2 combobox)

let suggestTimer = 0;
let suggestAbort = null;
let active = -1;
let suggestions = [];

function closeSuggestions() {
  clearTimeout(suggestTimer);
  if (suggestAbort) suggestAbort.abort();
  suggestions = [];
  active = -1;
  els.list.hidden = true;
  fill(els.list);
  els.q.setAttribute('aria-expanded', 'false');
  els.q.removeAttribute('aria-activedescendant');
}

function setActive(i) {
  active = i;
  [...els.list.children].forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
  if (i >= 0) {
    const li = els.list.children[i];
    els.q.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({block: 'nearest'});
  } else {
    els.q.removeAttribute('aria-activedescendant');
  }
}

const KIND_LABEL = {title: 'Document', partnership: 'Partnership', term: 'Search'};

async function loadSuggestions() {
  const prefix = els.q.value.trim();
  if (prefix.length < 2) { closeSuggestions(); return; }
  if (suggestAbort) suggestAbort.abort();
  const ctrl = new AbortController();
  suggestAbort = ctrl;
  let list;
  try {
    list = await api('suggest', new URLSearchParams({q: prefix, size: '8'}), ctrl.signal);
  } catch {
    return; // suggestions are a convenience: say nothing when they fail
  }
  if (ctrl.signal.aborted || els.q.value.trim() !== prefix || document.activeElement !== els.q) return;
  suggestions = Array.isArray(list) ? list.filter((s) => s && typeof s.text === 'string') : [];
  active = -1;
  els.q.removeAttribute('aria-activedescendant');
  if (!suggestions.length) { closeSuggestions(); return; }
  fill(els.list, ...suggestions.map((s, i) => h('li', {
    id: `suggestion-${i}`, className: `suggestion kind-${s.kind}`, attrs: {role: 'option', 'aria-selected': 'false'},
    on: {
      mousedown: (e) => e.preventDefault(), // keep the focus in the input
      click: () => choose(i),
    }},
  h('span', {className: 'suggestion-text', textContent: s.text}),
  h('span', {className: 'suggestion-kind', textContent: KIND_LABEL[s.kind] || ''}))));
  els.list.hidden = false;
  els.q.setAttribute('aria-expanded', 'true');
}

function choose(i) {
  const s = suggestions[i];
  closeSuggestions();
  if (!s) return;
  const state = readState();
  if (s.kind === 'title' && s.value) {
    navigate(`./?doc=${encodeURIComponent(s.value)}`, {focus: 'heading'});
  } else if (s.kind === 'partnership' && s.value) {
    navigate(searchHref({...state, q: '', partnership: [...new Set([...state.partnership, s.value])], page: 1, doc: '', org: ''}), {focus: 'none'});
  } else {
    els.q.value = s.text;
    navigate(searchHref({...state, q: s.text, page: 1}), {focus: 'none'});
  }
}

els.q.addEventListener('input', () => {
  clearTimeout(suggestTimer);
  suggestTimer = setTimeout(loadSuggestions, 150);
});

els.q.addEventListener('keydown', (e) => {
  const open = !els.list.hidden && suggestions.length > 0;
  switch (e.key) {
    case 'ArrowDown':
      e.preventDefault();
      if (!open) { loadSuggestions(); return; }
      setActive(active + 1 >= suggestions.length ? 0 : active + 1);
      break;
    case 'ArrowUp':
      if (!open) return;
      e.preventDefault();
      setActive(active <= 0 ? suggestions.length - 1 : active - 1);
      break;
    case 'Enter':
      if (open && active >= 0) { e.preventDefault(); choose(active); }
      break;
    case 'Escape':
      if (open) { e.preventDefault(); closeSuggestions(); } else if (els.q.value) { e.preventDefault(); els.q.value = ''; }
      break;
    case 'Tab':
      closeSuggestions();
      break;
    default:
  }
});

els.q.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== els.q) closeSuggestions(); }, 100));

els.form.addEventListener('submit', (e) => {
  e.preventDefault();
  const state = readState();
  navigate(searchHref({...state, q: els.q.value.trim(), page: 1, doc: '', org: ''}), {focus: 'none'});
});

els.sort.addEventListener('change', () => {
  navigate(searchHref({...readState(), sort: els.sort.value, page: 1}), {focus: 'none'});
});

// ---------------------------------------------------------------- start

async function loadCatalogue() {
  const [sdgs, partnerships] = await Promise.allSettled([api('sdgs'), api('partnerships')]);
  if (sdgs.status === 'fulfilled' && Array.isArray(sdgs.value)) {
    for (const g of sdgs.value) {
      if (g && g.number >= 1 && g.number <= 17) {
        goals[g.number - 1] = {number: g.number, colour: /^#[0-9a-f]{6}$/i.test(g.colour) ? g.colour : SDG_COLOURS[g.number - 1],
          names: g.names || {}};
      }
    }
  }
  if (partnerships.status === 'fulfilled' && Array.isArray(partnerships.value)) {
    partnershipNames = new Map(partnerships.value.filter((p) => p && p.id).map((p) => [p.id, p.name || p.id]));
  }
}

// The first search does not wait for the catalogue (goal names, partnership names): it is shown at once and its
// labels are filled in when the catalogue arrives.
render('none');
loadCatalogue().then(() => {
  const state = readState();
  if (state.doc || state.org) return;
  if (lastResult && lastResult.seq === renderSeq) {
    renderChips(state, lastResult.result.facets && lastResult.result.facets.sdg);
    renderFacets(state, lastResult.result.facets || {});
    renderActiveFilters(state);
    fill(els.results, ...lastResult.result.hits.map((hit) => resultItem(hit)));
  }
});
