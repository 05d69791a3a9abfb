/*! SDG Search widget — one script tag puts SDG-faceted search on any site.
 *
 *   <script src="https://<server>/widget.js" async></script>
 *   <sdg-search partnership="gpe" sdgs="4,5" lang="fr" size="5" theme="dark"></sdg-search>
 *
 * Attributes: partnership (scope, with a switch to all partnerships), sdgs (preset goals), lang (ar zh en fr ru es),
 * size (results, 1-20), theme (light|dark), api (server base URL; default: where this script was loaded from).
 * Theming: --sdg-search-bg, -fg, -muted, -accent, -border, -mark, -radius, -font, -font-size on the element.
 *
 * Everything from the API is untrusted crawled text and is inserted with textContent, except the snippet, which is
 * rebuilt from its text and <mark> elements only. Links are used only when they are http(s).
 */
(() => {
  'use strict';
  if (!window.customElements || customElements.get('sdg-search')) return;

  // Captured now: document.currentScript is null once loading is over (and for async scripts after this tick).
  const SCRIPT_SRC = (document.currentScript && document.currentScript.src) || location.href;

  const COLOURS = ['#E5243B', '#DDA63A', '#4C9F38', '#C5192D', '#FF3A21', '#26BDE2', '#FCC30B', '#A21942', '#FD6925',
    '#DD1367', '#FD9D24', '#BF8B2E', '#3F7E44', '#0A97D9', '#56C02B', '#00689D', '#19486A'];

  // UI strings in the six UN languages. r: results count (Intl plural category → text).
  const I18N = {
    en: {label: 'Search the knowledge of SDG partnerships', ph: 'Search…', go: 'Search', scope: 'Search in',
      all: 'All partnerships', self: 'This partnership', goals: 'Filter by goal', sdg: 'SDG',
      r: {one: '# result', other: '# results'}, none: 'No results', more: 'More results', open: 'Open in SDG Search',
      err: 'Search is unavailable right now. Please try again later.',
      off: 'You are offline. Results will appear when the connection is back.',
      busy: 'Too many searches at once. Please wait a moment.', wait: 'Searching…', sugg: 'Suggestions',
      hint: 'Suggestions appear as you type. Use the up and down arrows to choose one.',
      k: {title: 'Document', partnership: 'Partnership', term: 'Term'}, list: 'Search results', by: 'Published by'},
    fr: {label: 'Rechercher dans les connaissances des partenariats ODD', ph: 'Rechercher…', go: 'Rechercher',
      scope: 'Rechercher dans', all: 'Tous les partenariats', self: 'Ce partenariat', goals: 'Filtrer par objectif',
      sdg: 'ODD', r: {one: '# résultat', other: '# résultats'}, none: 'Aucun résultat', more: 'Plus de résultats',
      open: 'Ouvrir dans SDG Search', err: 'La recherche est indisponible pour le moment. Veuillez réessayer plus tard.',
      off: 'Vous êtes hors ligne. Les résultats apparaîtront au retour de la connexion.',
      busy: 'Trop de recherches à la fois. Veuillez patienter un instant.', wait: 'Recherche…', sugg: 'Suggestions',
      hint: 'Des suggestions apparaissent pendant la saisie. Utilisez les flèches haut et bas pour en choisir une.',
      k: {title: 'Document', partnership: 'Partenariat', term: 'Terme'}, list: 'Résultats de recherche', by: 'Publié par'},
    es: {label: 'Buscar en el conocimiento de las alianzas para los ODS', ph: 'Buscar…', go: 'Buscar',
      scope: 'Buscar en', all: 'Todas las alianzas', self: 'Esta alianza', goals: 'Filtrar por objetivo', sdg: 'ODS',
      r: {one: '# resultado', other: '# resultados'}, none: 'Sin resultados', more: 'Más resultados',
      open: 'Abrir en SDG Search', err: 'La búsqueda no está disponible en este momento. Inténtelo más tarde.',
      off: 'Está sin conexión. Los resultados aparecerán cuando vuelva la conexión.',
      busy: 'Demasiadas búsquedas a la vez. Espere un momento.', wait: 'Buscando…', sugg: 'Sugerencias',
      hint: 'Las sugerencias aparecen mientras escribe. Use las flechas arriba y abajo para elegir una.',
      k: {title: 'Documento', partnership: 'Alianza', term: 'Término'}, list: 'Resultados de la búsqueda', by: 'Publicado por'},
    ar: {label: 'ابحث في معارف شراكات أهداف التنمية المستدامة', ph: 'ابحث…', go: 'بحث', scope: 'البحث في',
      all: 'جميع الشراكات', self: 'هذه الشراكة', goals: 'التصفية حسب الهدف', sdg: 'الهدف',
      r: {zero: 'لا توجد نتائج', one: 'نتيجة واحدة', two: 'نتيجتان', few: '# نتائج', many: '# نتيجة', other: '# نتيجة'},
      none: 'لا توجد نتائج', more: 'مزيد من النتائج', open: 'فتح في SDG Search',
      err: 'البحث غير متاح حاليًا. يُرجى المحاولة لاحقًا.', off: 'أنت غير متصل بالإنترنت. ستظهر النتائج عند عودة الاتصال.',
      busy: 'عمليات بحث كثيرة في وقت واحد. يُرجى الانتظار قليلًا.', wait: 'جارٍ البحث…', sugg: 'اقتراحات',
      hint: 'تظهر الاقتراحات أثناء الكتابة. استخدم السهمين لأعلى ولأسفل لاختيار أحدها.',
      k: {title: 'وثيقة', partnership: 'شراكة', term: 'مصطلح'}, list: 'نتائج البحث', by: 'نشرتها'},
    zh: {label: '搜索可持续发展目标伙伴关系的知识', ph: '搜索…', go: '搜索', scope: '搜索范围', all: '所有伙伴关系',
      self: '本伙伴关系', goals: '按目标筛选', sdg: '目标', r: {other: '# 个结果'}, none: '没有结果', more: '更多结果',
      open: '在 SDG Search 中打开', err: '搜索暂时不可用，请稍后再试。', off: '您已离线。连接恢复后将显示结果。',
      busy: '搜索过于频繁，请稍候。', wait: '正在搜索…', sugg: '建议', hint: '输入时会出现建议，可用上下方向键选择。',
      k: {title: '文档', partnership: '伙伴关系', term: '词语'}, list: '搜索结果', by: '发布者'},
    ru: {label: 'Поиск по знаниям партнёрств в интересах ЦУР', ph: 'Поиск…', go: 'Найти', scope: 'Искать в',
      all: 'Все партнёрства', self: 'Это партнёрство', goals: 'Фильтр по целям', sdg: 'ЦУР',
      r: {one: '# результат', few: '# результата', many: '# результатов', other: '# результата'},
      none: 'Ничего не найдено', more: 'Больше результатов', open: 'Открыть в SDG Search',
      err: 'Поиск сейчас недоступен. Попробуйте позже.', off: 'Нет подключения к сети. Результаты появятся, когда связь восстановится.',
      busy: 'Слишком много запросов. Подождите немного.', wait: 'Поиск…', sugg: 'Подсказки',
      hint: 'Подсказки появляются при вводе. Выберите стрелками вверх и вниз.',
      k: {title: 'Документ', partnership: 'Партнёрство', term: 'Термин'}, list: 'Результаты поиска', by: 'Опубликовано'},
  };

  // :host resets everything the page could pass down (all:initial wins over the page's !important rules because
  // important declarations of a shadow tree beat the outer ones). inline-block because a parent's text-decoration
  // propagates into every in-flow block descendant, but not into atomic inline boxes.
  const CSS = `
:host{all:initial!important;display:inline-block!important;width:100%!important;vertical-align:top!important;contain:content}
:host([hidden]){display:none!important}
.root{--_bg:var(--sdg-search-bg,#fff);--_fg:var(--sdg-search-fg,#1b1b1b);--_mu:var(--sdg-search-muted,#555);
--_ac:var(--sdg-search-accent,#0b5cad);--_bd:var(--sdg-search-border,#c9ced4);--_mk:var(--sdg-search-mark,#ffe48a);
--_r:var(--sdg-search-radius,6px);--_fo:var(--sdg-search-focus,#0b5cad);
box-sizing:border-box;min-width:0;max-width:100%;padding:.9em;border:1px solid var(--_bd);border-radius:var(--_r);
background:var(--_bg);color:var(--_fg);font-family:var(--sdg-search-font,system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans CJK SC",Arial,sans-serif);
font-size:var(--sdg-search-font-size,15px);line-height:1.45;text-align:start;overflow-wrap:anywhere}
.root.dark{--_bg:var(--sdg-search-bg,#121a23);--_fg:var(--sdg-search-fg,#eef1f4);--_mu:var(--sdg-search-muted,#b5bec8);
--_ac:var(--sdg-search-accent,#8cc4ff);--_bd:var(--sdg-search-border,#3b4754);--_fo:var(--sdg-search-focus,#ffd34d)}
*,*::before,*::after{box-sizing:border-box}
:focus-visible{outline:3px solid var(--_fo);outline-offset:2px}
.vh{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
form{display:flex;flex-wrap:wrap;gap:.5em;margin:0}
label.l{display:block;flex:1 1 100%;font-weight:600;margin:0}
.combo{position:relative;flex:1 1 10em;min-width:0}
input[type=search]{width:100%;margin:0;font:inherit;color:var(--_fg);background:var(--_bg);padding:.5em .65em;
border:2px solid var(--_bd);border-radius:var(--_r);-webkit-appearance:none;appearance:none}
button{font:inherit;cursor:pointer;margin:0}
.go{flex:none;padding:.5em 1em;border:2px solid var(--_ac);border-radius:var(--_r);background:var(--_ac);color:var(--_bg);font-weight:600}
ul,ol{list-style:none;margin:0;padding:0}
[role=listbox]{position:absolute;z-index:10;inset-inline:0;top:calc(100% + 3px);padding:.2em 0;background:var(--_bg);
border:1px solid var(--_bd);border-radius:var(--_r);box-shadow:0 6px 18px rgb(0 0 0/.2);max-height:18em;overflow-y:auto}
[role=option]{display:flex;justify-content:space-between;gap:.75em;padding:.4em .65em;cursor:pointer}
[role=option][aria-selected=true]{background:color-mix(in srgb,var(--_ac) 18%,var(--_bg));outline:2px solid var(--_ac);outline-offset:-2px}
.kind{color:var(--_mu);font-size:.85em;white-space:nowrap}
fieldset{border:0;margin:.6em 0 0;padding:0;min-width:0}
legend{padding:0;margin:0 0 .3em;font-weight:600;font-size:.9em}
.scope{display:flex;flex-wrap:wrap;gap:.25em 1em}
.scope label{display:inline-flex;align-items:center;gap:.3em;cursor:pointer}
.scope input{margin:0;accent-color:var(--_ac)}
.chips{display:flex;flex-wrap:wrap;gap:.3em}
.chip{display:inline-flex;align-items:stretch;padding:0;border:2px solid var(--_bd);border-radius:var(--_r);background:var(--_bg);
color:var(--_fg);overflow:hidden;font-size:.85em;line-height:1.2}
.chip .n{min-width:2em;padding:.3em .35em;font-weight:700;text-align:center}
.chip .c{min-width:1.8em;padding:.3em .35em;font-variant-numeric:tabular-nums;text-align:center}
.chip[aria-pressed=true]{border-color:var(--_fg);box-shadow:0 0 0 1px var(--_fg)}
.chip[aria-pressed=true] .c{background:var(--_fg);color:var(--_bg);font-weight:700}
.status{margin:.7em 0 .2em;font-weight:600}
.status.error{font-weight:400;padding:.5em .7em;border-inline-start:4px solid #c0392b;background:color-mix(in srgb,#c0392b 10%,var(--_bg))}
.hit{padding:.6em 0;border-bottom:1px solid var(--_bd)}
.hit a.t{color:var(--_ac);font-weight:600;font-size:1.05em;text-underline-offset:2px}
.snip{margin:.25em 0}
mark{background:var(--_mk);color:#111;padding:0 .1em;border-radius:2px}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:.25em .7em;color:var(--_mu);font-size:.85em}
.badge{display:inline-block;min-width:1.7em;padding:0 .3em;border-radius:3px;font-weight:700;text-align:center}
.badges{display:inline-flex;flex-wrap:wrap;gap:.2em}
.more{display:inline-block;margin-top:.7em;color:var(--_ac);font-weight:600;text-underline-offset:2px}
@media (forced-colors:active){.chip[aria-pressed=true]{outline:3px solid CanvasText}}
`;

  let sheet = null;
  try {
    // A constructed sheet is shared by all widgets and is CSSOM, so a host page's CSP on inline styles cannot block it.
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  } catch { sheet = null; }

  // Goals and partnership names, fetched once per server for all widgets on the page.
  const catalogues = new Map();
  function catalogue(api) {
    if (!catalogues.has(api)) {
      const get = (p) => fetch(new URL(p, api), {credentials: 'omit'}).then((r) => (r.ok ? r.json() : [])).catch(() => []);
      catalogues.set(api, Promise.all([get('sdgs'), get('partnerships')]).then(([sdgs, ps]) => ({
        names: new Map((Array.isArray(sdgs) ? sdgs : []).filter((g) => g && g.names).map((g) => [g.number, g.names])),
        partners: new Map((Array.isArray(ps) ? ps : []).filter((p) => p && p.id).map((p) => [p.id, String(p.name || p.id)])),
      })));
    }
    return catalogues.get(api);
  }

  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    if (props) {
      for (const k in props) {
        const v = props[k];
        if (v == null || v === false) continue;
        if (k === 'on') for (const e in v) el.addEventListener(e, v[e]);
        else if (k in el && k !== 'list' && k !== 'role') el[k] = v;
        else el.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of kids.flat()) if (c != null && c !== false) el.append(c);
    return el;
  }

  const vh = (t) => h('span', {className: 'vh', textContent: t});

  function safeUrl(u) {
    try {
      const url = new URL(u);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch { return null; }
  }

  // Text and <mark> only: the parsed document is inert (no scripts run, no images load) and nothing else is copied.
  function snippet(html) {
    const out = document.createDocumentFragment();
    if (typeof html !== 'string') return out;
    const body = new DOMParser().parseFromString('<!DOCTYPE html><body>' + html, 'text/html').body;
    (function copy(from, to) {
      for (const n of from.childNodes) {
        if (n.nodeType === 3) to.append(n.data);
        else if (n.nodeType === 1 && n.localName === 'mark') copy(n, to.appendChild(document.createElement('mark')));
        else if (n.nodeType === 1) to.append(n.textContent);
      }
    })(body, out);
    return out;
  }

  function ink(hex) {
    const v = parseInt(hex.slice(1), 16);
    const lin = (x) => ((x /= 255) <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4);
    const L = 0.2126 * lin(v >> 16) + 0.7152 * lin((v >> 8) & 255) + 0.0722 * lin(v & 255);
    return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? '#000' : '#fff';
  }

  function paint(el, n) {
    const c = COLOURS[n - 1] || '#555';
    el.style.backgroundColor = c;
    el.style.color = ink(c);
    return el;
  }

  class SdgSearch extends HTMLElement {
    static get observedAttributes() { return ['lang', 'theme', 'partnership', 'sdgs', 'size', 'api']; }

    constructor() {
      super();
      this._shadow = this.attachShadow({mode: 'open'});
      this._sel = new Set();
      this._q = '';
      this._scopeAll = false;
      this._sugg = [];
      this._active = -1;
      this._seq = 0;
      this._facets = null;
      this._cat = {names: new Map(), partners: new Map()};
    }

    connectedCallback() {
      if (!this._root) {
        this._build();
        this._online = () => { if (this._failed) this._search(); };
        this._offline = () => this._status(this._t('off'), true);
      }
      window.addEventListener('online', this._online);
      window.addEventListener('offline', this._offline);
      this._configure(true);
    }

    disconnectedCallback() {
      window.removeEventListener('online', this._online);
      window.removeEventListener('offline', this._offline);
      if (this._abort) this._abort.abort();
    }

    attributeChangedCallback(name, old, val) {
      if (this._root && old !== val) this._configure(name !== 'lang' && name !== 'theme');
    }

    get _api() {
      let base;
      try { base = new URL(this.getAttribute('api') || './', SCRIPT_SRC); } catch { base = new URL('./', SCRIPT_SRC); }
      if (!base.pathname.endsWith('/')) base.pathname += '/';
      return base;
    }

    _t(key) { return (I18N[this._lang] || I18N.en)[key] ?? I18N.en[key]; }

    _count(n) {
      const forms = this._t('r');
      let cat = 'other';
      try { cat = new Intl.PluralRules(this._lang).select(n); } catch { /* old browser */ }
      if (n === 0 && forms.zero) cat = 'zero';
      return (forms[cat] || forms.other).replace('#', this._nf.format(n));
    }

    _build() {
      const s = this._shadow;
      if (sheet && 'adoptedStyleSheets' in s) s.adoptedStyleSheets = [sheet];
      else s.append(h('style', {textContent: CSS}));
      this._input = h('input', {type: 'search', id: 'q', autocomplete: 'off', spellcheck: false, role: 'combobox',
        'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'lb', 'aria-describedby': 'hint',
        on: {input: () => this._typed(), keydown: (e) => this._key(e),
          blur: () => setTimeout(() => { if (s.activeElement !== this._input) this._close(); }, 120)}});
      this._lb = h('ul', {id: 'lb', role: 'listbox', hidden: true});
      this._labelEl = h('label', {className: 'l', htmlFor: 'q'});
      this._goBtn = h('button', {type: 'submit', className: 'go'});
      this._hint = h('span', {id: 'hint', className: 'vh'});
      this._form = h('form', {role: 'search', on: {submit: (e) => { e.preventDefault(); this._close(); this._q = this._input.value.trim(); this._search(); }}},
        this._labelEl, h('div', {className: 'combo'}, this._input, this._lb), this._goBtn, this._hint);
      this._scopeBox = h('fieldset', {className: 'scope'});
      this._chipsLegend = h('legend');
      this._chips = h('ul', {className: 'chips'});
      this._statusEl = h('p', {className: 'status', role: 'status', 'aria-live': 'polite'});
      this._list = h('ol', {className: 'hits'});
      this._more = h('a', {className: 'more', hidden: true});
      this._root = h('div', {className: 'root', part: 'root'}, this._form, this._scopeBox,
        h('fieldset', {className: 'goals'}, this._chipsLegend, this._chips), this._statusEl, this._list, this._more);
      s.append(this._root);
    }

    _configure(reset) {
      const lang = (this.getAttribute('lang') || document.documentElement.lang || 'en').toLowerCase().slice(0, 2);
      this._lang = I18N[lang] ? lang : 'en';
      this._nf = new Intl.NumberFormat(this._lang);
      const r = this._root;
      r.lang = this._lang;
      r.dir = this._lang === 'ar' ? 'rtl' : 'ltr';
      r.classList.toggle('dark', (this.getAttribute('theme') || '').toLowerCase() === 'dark');
      this._labelEl.textContent = this._t('label');
      this._input.placeholder = this._t('ph');
      this._goBtn.textContent = this._t('go');
      this._hint.textContent = this._t('hint');
      this._lb.setAttribute('aria-label', this._t('sugg'));
      this._chipsLegend.textContent = this._t('goals');
      this._list.setAttribute('aria-label', this._t('list'));
      this._partnership = (this.getAttribute('partnership') || '').trim();
      this._size = Math.min(20, Math.max(1, parseInt(this.getAttribute('size'), 10) || 5));
      if (reset) {
        this._sel = new Set((this.getAttribute('sdgs') || '').split(/[\s,]+/).filter((n) => /^\d+$/.test(n) && +n >= 1 && +n <= 17).map(String));
        this._scopeAll = !this._partnership;
      }
      catalogue(this._api.href + 'api/').then((c) => { this._cat = c; this._renderScope(); this._renderChips(); this._renderHits(); });
      this._renderScope();
      this._renderChips();
      if (reset || !this._result) this._search(); else { this._renderHits(); this._renderStatus(); }
    }

    _renderScope() {
      const box = this._scopeBox;
      box.hidden = !this._partnership;
      if (!this._partnership) { box.replaceChildren(); return; }
      const name = this._cat.partners.get(this._partnership) || this._t('self');
      const radio = (all, text) => h('label', {}, h('input', {type: 'radio', name: 'scope', checked: this._scopeAll === all,
        on: {change: () => { this._scopeAll = all; this._search(); }}}), text);
      box.replaceChildren(h('legend', {textContent: this._t('scope')}), radio(false, name), radio(true, this._t('all')));
    }

    _renderChips() {
      const counts = new Map(((this._facets && this._facets.sdg) || []).map((f) => [String(f.value), f.count]));
      const sdg = this._t('sdg');
      this._chips.replaceChildren(...COLOURS.map((_, i) => {
        const n = String(i + 1);
        const name = (this._cat.names.get(i + 1) || {})[this._lang] || '';
        const count = counts.get(n);
        const on = this._sel.has(n);
        return h('li', {}, h('button', {type: 'button', className: 'chip', 'aria-pressed': String(on), 'data-sdg': n,
          title: `${sdg} ${n}${name ? ': ' + name : ''}`,
          on: {click: () => { if (on) this._sel.delete(n); else this._sel.add(n); this._search(); }}},
        paint(h('span', {className: 'n'}, vh(sdg + ' '), n, vh(name ? ': ' + name + ',' : ',')), i + 1),
        h('span', {className: 'c'}, count == null ? '–' : this._nf.format(count), vh(' ' + this._count(count || 0).replace(/^[\d\s.,\u00a0\u202f]+/, '')))));
      }));
    }

    _params(size) {
      const p = new URLSearchParams();
      if (this._q) p.set('q', this._q);
      for (const s of [...this._sel].sort((a, b) => a - b)) p.append('sdg', s);
      if (this._partnership && !this._scopeAll) p.set('partnership', this._partnership);
      if (size) p.set('size', String(size));
      return p;
    }

    async _search(retry) {
      const seq = ++this._seq;
      if (this._abort) this._abort.abort();
      const ctrl = this._abort = new AbortController();
      this._renderChips();
      if (navigator.onLine === false) { this._failed = true; this._status(this._t('off'), true); return; }
      this._root.setAttribute('aria-busy', 'true');
      this._statusEl.classList.remove('error');
      let res;
      try {
        res = await fetch(new URL('api/search?' + this._params(this._size), this._api), {credentials: 'omit', signal: ctrl.signal, headers: {Accept: 'application/json'}});
        if (res.status === 429 && !retry) {
          // Rate limited: say so, and try once more when the server says we may (unless something newer ran).
          const wait = Math.min(30, Math.max(1, parseInt(res.headers.get('Retry-After'), 10) || 5));
          setTimeout(() => { if (seq === this._seq && this.isConnected) this._search(true); }, wait * 1000);
        }
        if (!res.ok) throw res;
        res = await res.json();
      } catch (e) {
        if (seq !== this._seq || (e && e.name === 'AbortError')) return;
        this._root.removeAttribute('aria-busy');
        this._failed = true;
        this._status(this._t(navigator.onLine === false ? 'off' : e && e.status === 429 ? 'busy' : 'err'), true);
        return;
      }
      if (seq !== this._seq) return;
      this._root.removeAttribute('aria-busy');
      this._failed = false;
      this._result = res;
      this._facets = res.facets || {};
      this._renderChips();
      this._renderHits();
      this._renderStatus();
      this.dispatchEvent(new CustomEvent('sdg-search-results', {detail: {total: res.total}}));
    }

    _status(text, error) {
      this._statusEl.textContent = text;
      this._statusEl.classList.toggle('error', !!error);
      if (error) { this._list.replaceChildren(); this._more.hidden = true; }
    }

    _renderStatus() {
      const t = (this._result && this._result.total) || 0;
      this._status(t ? this._count(t) : this._t('none'), false);
    }

    _renderHits() {
      const r = this._result;
      if (!r) return;
      const base = this._api;
      const sdg = this._t('sdg');
      this._list.replaceChildren(...(r.hits || []).map((hit) => {
        const href = safeUrl(hit.url) || new URL('?doc=' + encodeURIComponent(hit.id), base).href;
        const names = (hit.partnerships || []).map((p) => this._cat.partners.get(p) || p);
        return h('li', {className: 'hit'},
          h('a', {className: 't', href, rel: 'noopener noreferrer', textContent: String(hit.title || '').trim() || href}),
          hit.snippet ? h('p', {className: 'snip'}, snippet(hit.snippet)) : null,
          h('div', {className: 'meta'},
            hit.sdgs && hit.sdgs.length ? h('span', {className: 'badges'}, hit.sdgs.filter((n) => n >= 1 && n <= 17)
              .map((n) => paint(h('span', {className: 'badge', title: `${sdg} ${n}`}, vh(sdg + ' '), String(n)), n))) : null,
            names.length ? h('span', {}, vh(this._t('by') + ': '), names.join(', ')) : null,
            hit.year ? h('span', {textContent: String(hit.year)}) : null));
      }));
      const total = r.total || 0;
      this._list.dataset.total = String(total);
      const more = total > (r.hits || []).length;
      const p = this._params(0);
      this._more.href = new URL(p.toString() ? '?' + p : './', base).href;
      this._more.textContent = more ? this._t('more') : this._t('open');
      this._more.hidden = total === 0;
    }

    // ---- combobox (WAI-ARIA 1.2 pattern with aria-activedescendant)

    _typed() {
      clearTimeout(this._timer);
      this._timer = setTimeout(() => this._suggest(), 180);
    }

    async _suggest() {
      const prefix = this._input.value.trim();
      if (prefix.length < 2) { this._close(); return; }
      if (this._sAbort) this._sAbort.abort();
      const ctrl = this._sAbort = new AbortController();
      let list;
      try {
        const res = await fetch(new URL('api/suggest?' + new URLSearchParams({q: prefix, size: '6'}), this._api), {credentials: 'omit', signal: ctrl.signal});
        list = res.ok ? await res.json() : [];
      } catch { return; }
      if (ctrl.signal.aborted || this._input.value.trim() !== prefix || this._shadow.activeElement !== this._input) return;
      this._sugg = (Array.isArray(list) ? list : []).filter((x) => x && typeof x.text === 'string');
      if (!this._sugg.length) { this._close(); return; }
      const kinds = this._t('k');
      this._lb.replaceChildren(...this._sugg.map((x, i) => h('li', {id: 'o' + i, role: 'option', 'aria-selected': 'false',
        on: {mousedown: (e) => e.preventDefault(), click: () => this._choose(i)}},
      h('span', {textContent: x.text}), h('span', {className: 'kind', textContent: kinds[x.kind] || ''}))));
      this._active = -1;
      this._input.removeAttribute('aria-activedescendant');
      this._lb.hidden = false;
      this._input.setAttribute('aria-expanded', 'true');
    }

    _close() {
      clearTimeout(this._timer);
      if (this._sAbort) this._sAbort.abort();
      this._sugg = [];
      this._active = -1;
      this._lb.hidden = true;
      this._lb.replaceChildren();
      this._input.setAttribute('aria-expanded', 'false');
      this._input.removeAttribute('aria-activedescendant');
    }

    _move(i) {
      this._active = i;
      [...this._lb.children].forEach((li, j) => li.setAttribute('aria-selected', String(i === j)));
      const li = this._lb.children[i];
      if (li) { this._input.setAttribute('aria-activedescendant', li.id); li.scrollIntoView({block: 'nearest'}); }
    }

    _choose(i) {
      const x = this._sugg[i];
      this._close();
      if (!x) return;
      this._input.value = x.text;
      this._q = x.text;
      this._input.focus();
      this._search();
    }

    _key(e) {
      const open = !this._lb.hidden && this._sugg.length > 0;
      const n = this._sugg.length;
      if (e.key === 'ArrowDown') { e.preventDefault(); if (open) this._move((this._active + 1) % n); else this._suggest(); }
      else if (e.key === 'ArrowUp' && open) { e.preventDefault(); this._move(this._active <= 0 ? n - 1 : this._active - 1); }
      else if (e.key === 'Enter' && open && this._active >= 0) { e.preventDefault(); this._choose(this._active); }
      else if (e.key === 'Escape') { if (open) { e.preventDefault(); this._close(); } else if (this._input.value) { e.preventDefault(); this._input.value = ''; } }
      else if (e.key === 'Tab') this._close();
    }
  }

  customElements.define('sdg-search', SdgSearch);
})();
