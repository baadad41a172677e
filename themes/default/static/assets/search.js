/* gongkai search client: plain JavaScript, no build step, no wasm.
   Reads the files `gongkai build` writes under search/ (see docs/search.md):
   tokenises the query exactly as src/search/tokenize.rs tokenises documents
   (pinned by tests/search_vectors.json), fetches only the shards of the
   query's tokens and phrase grams (items of packs, read by HTTP Range),
   intersects posting sets as bitmaps,
   applies filters, ranks (文号, likely phrase, title, newest), then fetches
   the fragments of the results on screen for the snippet and the phrase
   check. Without JavaScript the forms are plain GET forms. */
(function () {
  'use strict';

  // ---------- tokenizer (mirror of src/search/tokenize.rs) ----------
  const utf8 = new TextEncoder(), utf8d = new TextDecoder();
  const MAX_WORD = 32;
  const WORD_RE = /[\p{Alphabetic}\p{N}]/u;
  let fold = new Map();
  function isHan(u) {
    return u === 0x3007 || (u >= 0x3400 && u <= 0x4DBF) || (u >= 0x4E00 && u <= 0x9FFF) ||
      (u >= 0xF900 && u <= 0xFAFF) || (u >= 0x20000 && u <= 0x3FFFF);
  }
  function normChar(c) {
    const u = c.codePointAt(0);
    if (u >= 0xFF01 && u <= 0xFF5E) c = String.fromCodePoint(u - 0xFEE0);
    else if (u === 0x3000) c = ' ';
    if (c.charCodeAt(0) < 128) return c.toLowerCase();
    return fold.get(c) || c;
  }
  function cls(c) { return isHan(c.codePointAt(0)) ? 'h' : WORD_RE.test(c) ? 'w' : 's'; }
  function runs(text) {
    const out = [];
    let cur = null;
    for (const ch of text) {
      const c = normChar(ch), k = cls(c);
      if (k === 's') { cur = null; continue; }
      if (cur && cur.k === k) cur.chars.push(c); else { cur = { k, chars: [c] }; out.push(cur); }
    }
    return out;
  }
  function compact(text) {
    let s = '';
    for (const ch of text) { const c = normChar(ch); if (cls(c) !== 's') s += c; }
    return s;
  }
  // Phrase form (mirror of tokenize::phrase_form): separators dropped, but
  // separators between two word characters leave one '|'. `map[i]` is the
  // index in `text` (code points) of form character i.
  function form(text) {
    const chars = [], map = [];
    let gap = false, lastWord = false, i = 0;
    for (const ch of text) {
      const c = normChar(ch), k = cls(c);
      if (k === 's') gap = true;
      else {
        if (gap && lastWord && k === 'w') { chars.push('|'); map.push(i); }
        chars.push(c); map.push(i); lastWord = k === 'w'; gap = false;
      }
      i++;
    }
    return { chars, map };
  }
  function phraseForm(text) { return form(text).chars.join(''); }
  // Start positions (in form characters) where `needle` occurs in `hay` without cutting a word.
  function occurrences(hay, needle) {
    const out = [], isWord = c => c !== undefined && cls(c) === 'w';
    const first = needle[0], last = needle[needle.length - 1];
    for (let i = 0; i + needle.length <= hay.length; i++) {
      let ok = true;
      for (let j = 0; j < needle.length && ok; j++) ok = hay[i + j] === needle[j];
      if (!ok) continue;
      if (isWord(first) && isWord(hay[i - 1])) continue;
      if (isWord(last) && isWord(hay[i + needle.length])) continue;
      out.push(i);
    }
    return out;
  }
  function docTokens(text) {
    const seen = new Set(), out = [];
    const push = t => { if (!seen.has(t)) { seen.add(t); out.push(t); } };
    for (const r of runs(text)) {
      if (r.k === 'w') { push(r.chars.slice(0, MAX_WORD).join('')); continue; }
      r.chars.forEach((c, i) => { push(c); if (i + 1 < r.chars.length) push(c + r.chars[i + 1]); });
    }
    return out;
  }
  function queryTokens(term) {
    const out = [];
    for (const r of runs(term)) {
      let toks;
      if (r.k === 'w') toks = [r.chars.slice(0, MAX_WORD).join('')];
      else if (r.chars.length === 1) toks = [r.chars[0]];
      else { toks = []; for (let i = 0; i + 1 < r.chars.length; i++) toks.push(r.chars[i] + r.chars[i + 1]); }
      for (const t of toks) if (!out.includes(t)) out.push(t);
    }
    return out;
  }
  // Phrase grams (mirror of tokenize::grams): in each stretch between
  // separators, every three adjacent units (a Han character or a word) and
  // every two adjacent units of which one is a word.
  const MAX_GRAM_BYTES = 64;
  function grams(text) {
    const out = [], seen = new Set();
    const push = g => { if (utf8.encode(g).length <= MAX_GRAM_BYTES && !seen.has(g)) { seen.add(g); out.push(g); } };
    let units = [], word = [];
    const add = u => {
      units.push(u);
      const n = units.length;
      if (n >= 2 && !(units[n - 2].h && units[n - 1].h)) push(units[n - 2].s + units[n - 1].s);
      if (n >= 3) push(units[n - 3].s + units[n - 2].s + units[n - 1].s);
    };
    for (const ch of text + ' ') {
      const c = normChar(ch), k = cls(c);
      if (k !== 'w' && word.length) { add({ h: false, s: word.slice(0, MAX_WORD).join('') }); word = []; }
      if (k === 'h') add({ h: true, s: c });
      else if (k === 'w') word.push(c);
      else units = [];
    }
    return out;
  }
  function parseQuery(q) {
    return q.replace(/\u3000/g, ' ').split(/\s+/).filter(Boolean)
      .map(term => ({ phrase: phraseForm(term), tokens: queryTokens(term), grams: grams(term) }))
      .filter(t => t.tokens.length);
  }

  // ---------- posting sets ----------
  function fnv1a(s) {
    let h = 0x811C9DC5;
    for (const b of utf8.encode(s)) { h ^= b; h = Math.imul(h, 0x01000193) >>> 0; }
    return h >>> 0;
  }
  function varint(bytes, pos) {
    let v = 0, mul = 1, b;
    do { b = bytes[pos.i++]; v += (b & 0x7F) * mul; mul *= 128; } while (b & 0x80);
    return v;
  }
  // A set as a bitmap of n bits.
  function decodeSet(kind, bytes, n) {
    const bits = new Uint8Array((n + 7) >> 3);
    if (kind === 1) { bits.set(bytes.subarray(0, bits.length)); return bits; }
    const pos = { i: 0 };
    let id = -1;
    while (pos.i < bytes.length) { id += varint(bytes, pos); bits[id >> 3] |= 1 << (id & 7); }
    return bits;
  }
  function and(a, b) { const out = new Uint8Array(a.length); for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i]; return out; }
  function full(n) { const b = new Uint8Array((n + 7) >> 3).fill(255); return b; }
  function has(bits, id) { return (bits[id >> 3] >> (id & 7)) & 1; }
  function dayOf(iso) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5 : null;
  }

  // ---------- engine ----------
  // Bytes [a, b) of `path` under `root` by an HTTP Range request. A server
  // that ignores Range answers 200 with the whole file: it is kept and
  // sliced (correct, only more bytes), and later reads of that file use it.
  function rangeFetcher(root) {
    const whole = new Map();
    const plain = p => fetch(root + p).then(r => { if (!r.ok) throw new Error(r.status + ' ' + p); return r.arrayBuffer(); }).then(b => new Uint8Array(b));
    return async (p, range) => {
      if (!range) return plain(p);
      if (whole.has(p)) return (await whole.get(p)).subarray(range[0], range[1]);
      const r = await fetch(root + p, { headers: { Range: `bytes=${range[0]}-${range[1] - 1}` } });
      if (!r.ok) throw new Error(r.status + ' ' + p);
      const b = new Uint8Array(await r.arrayBuffer());
      if (r.status === 206) return b;
      whole.set(p, Promise.resolve(b));
      return b.subarray(range[0], range[1]);
    };
  }
  async function inflate(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  // `fetcher(path, range)`: the bytes of a file, or of its range [a, b).
  function Engine(root, fetcher) {
    const get = fetcher || rangeFetcher(root);
    const cache = new Map();
    const once = (key, make) => { if (!cache.has(key)) cache.set(key, make().catch(e => { cache.delete(key); throw e; })); return cache.get(key); };
    const json = p => once(p, () => get(p)).then(b => JSON.parse(utf8d.decode(b)));
    let meta = null, days = [];
    const shardIndex = new Map(); // shard -> { idx: Map(term -> [[field, kind, start, end]]), bytes }
    // Item i of a packed kind ('s' shards, 'd' fragments, 'f' facet sets):
    // pack p = i / per starts with (items in p) + 1 u32 offsets; the header
    // is read once per pack, then the item (docs/search.md).
    const packPath = (kind, p) => `search/${kind}/${p}.bin`;
    const header = (kind, p) => once(packPath(kind, p) + '#', async () => {
      const { per, items } = meta.packs[kind];
      const n = Math.min(per, items - p * per);
      const b = await get(packPath(kind, p), [0, 4 * (n + 1)]);
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return Array.from({ length: n + 1 }, (_, j) => v.getUint32(4 * j, true));
    });
    const item = (kind, i) => {
      const { per, deflate } = meta.packs[kind], p = Math.floor(i / per), k = i % per;
      return once(`${packPath(kind, p)}#${k}`, async () => {
        const off = await header(kind, p);
        if (off[k] === off[k + 1]) return new Uint8Array(0);
        const b = await get(packPath(kind, p), [off[k], off[k + 1]]);
        return deflate ? inflate(b) : b;
      });
    };
    const eng = {
      async init() {
        if (meta) return meta;
        const [m, f] = await Promise.all([json('search/index.json'), json('search/fold.json')]);
        if (!m.packs) throw new Error('search index format ' + m.v);
        const t = [...f.t], s = [...f.s];
        fold = new Map(t.map((c, i) => [c, s[i]]));
        let d = 0, id = 0;
        days = [];
        for (let i = 0; i < m.days.length; i += 2) { d += m.days[i]; id += m.days[i + 1]; days.push([d, id]); }
        meta = m;
        return m;
      },
      get meta() { return meta; },
      years() { return [...new Set(days.map(([d]) => new Date(d * 864e5).getUTCFullYear()))].sort((a, b) => b - a); },
      // id range [lo, hi) of documents published between two days (inclusive)
      range(from, to) {
        let lo = 0, hi = meta.docs;
        if (from != null) { const e = days.find(([d]) => d >= from); lo = e ? e[1] : meta.docs; }
        if (to != null) { const e = days.find(([d]) => d > to); hi = e ? e[1] : meta.docs; }
        return [lo, hi];
      },
      async shard(term) {
        const s = fnv1a(term) & (meta.shards - 1);
        const bytes = await item('s', s);
        if (!shardIndex.has(s)) {
          const idx = new Map(), pos = { i: 0 };
          while (pos.i < bytes.length) {
            const len = bytes[pos.i++];
            const t = utf8d.decode(bytes.subarray(pos.i, pos.i + len)); pos.i += len;
            const field = bytes[pos.i++], kind = bytes[pos.i++];
            const n = varint(bytes, pos);
            if (!idx.has(t)) idx.set(t, []);
            idx.get(t).push([field, kind, pos.i, pos.i + n]);
            pos.i += n;
          }
          shardIndex.set(s, { idx, bytes });
        }
        const { idx } = shardIndex.get(s);
        const sets = [null, null, null];
        for (const [field, kind, a, b] of idx.get(term) || []) sets[field] = decodeSet(kind, bytes.subarray(a, b), meta.docs);
        const empty = () => new Uint8Array((meta.docs + 7) >> 3);
        return sets.map(s => s || empty());
      },
      async facet(dim, value) {
        const i = (meta.facets[dim] || []).findIndex(([v]) => v === value);
        if (i < 0) return new Uint8Array((meta.docs + 7) >> 3);
        const bytes = await item('f', meta.facet_items[dim] + i);
        return decodeSet(bytes[0], bytes.subarray(1), meta.docs);
      },
      async fragment(id) { return JSON.parse(utf8d.decode(await item('d', id))); },
      // filters: {agency, category, class, status, gazette, year, from, to}; sort: '' | 'date'
      async search(q, filters = {}, sort = '') {
        await eng.init();
        const terms = parseQuery(q);
        if (!terms.length) return { terms, hits: [] };
        const tokens = [...new Set(terms.flatMap(t => t.tokens))];
        const gramList = [...new Set(terms.flatMap(t => t.grams))];
        const [sets, gramSets] = await Promise.all([
          Promise.all(tokens.map(t => eng.shard(t))), Promise.all(gramList.map(g => eng.shard(g)))]);
        let any = full(meta.docs), title = full(meta.docs), num = full(meta.docs), likely = full(meta.docs);
        for (const [a, t, n] of sets) { any = and(any, a); title = and(title, t); num = and(num, n); }
        // Likely phrase matches hold every phrase gram: ranked first, over all candidates.
        for (const [a] of gramSets) likely = and(likely, a);
        for (const dim of ['agency', 'category', 'class', 'status']) if (filters[dim]) any = and(any, await eng.facet(dim, filters[dim]));
        if (filters.gazette) any = and(any, await eng.facet('gazette', '1'));
        let from = dayOf(filters.from), to = dayOf(filters.to);
        if (filters.year) { from = Math.max(from ?? -Infinity, dayOf(filters.year + '-01-01')); to = Math.min(to ?? Infinity, dayOf(filters.year + '-12-31')); }
        const [lo, hi] = eng.range(from, isFinite(to) ? to : null);
        const hits = [];
        for (let id = hi - 1; id >= lo; id--) {
          if (!has(any, id)) continue;
          hits.push({ id, likely: sort === 'date' ? 0 : has(likely, id), tier: sort === 'date' ? 0 : has(num, id) ? 3 : has(title, id) ? 2 : 1 });
        }
        // 文号 matches, then likely phrase matches, then title matches, newest first.
        const rank = sort === 'date' ? (a, b) => b.id - a.id
          : (a, b) => (b.tier === 3) - (a.tier === 3) || b.likely - a.likely || b.tier - a.tier || b.id - a.id;
        hits.sort(rank);
        return { terms, hits, rank };
      },
      // Fetches fragments of hits[from..from+count] and checks the phrases.
      // A likely match that turns out scattered moves behind every likely
      // match (in result.hits, so later pages agree) and the page fills up
      // from the next candidates; exact matches come first on the page.
      async page(result, from, count) {
        const hits = result.hits, rank = result.rank;
        const check = async h => {
          h.doc = await eng.fragment(h.id);
          const text = [...[h.doc.t, h.doc.n, h.doc.x].map(phraseForm).join('\u0001')];
          h.exact = result.terms.every(t => occurrences(text, [...t.phrase]).length > 0);
        };
        let at = from;
        const end = () => Math.min(from + count, hits.length);
        while (at < end()) {
          const slice = hits.slice(at, end()).filter(h => h.exact === undefined);
          await Promise.all(slice.map(check));
          let demoted = false;
          for (let i = at; i < end(); i++) {
            const h = hits[i];
            if (!h.exact && h.likely) {
              h.likely = 0; demoted = true;
              const tail = hits.splice(i).sort(rank);
              hits.push(...tail);
              break;
            }
          }
          if (!demoted) at = end();
          else while (at < end() && hits[at].exact !== undefined && (hits[at].exact || !hits[at].likely)) at++;
        }
        return hits.slice(from, end()).sort((a, b) => (b.exact - a.exact));
      },
    };
    return eng;
  }

  // ---------- highlighting ----------
  // Ranges [a, b) of `text` (code-point indices) where a term's phrase occurs.
  function marks(text, terms) {
    const chars = [...text], { chars: f, map } = form(text), ranges = [];
    for (const t of terms) {
      const needle = [...t.phrase];
      if (!needle.length) continue;
      for (const i of occurrences(f, needle)) ranges.push([map[i], map[i + needle.length - 1] + 1]);
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged = [];
    for (const r of ranges) { const l = merged[merged.length - 1]; if (l && r[0] <= l[1]) l[1] = Math.max(l[1], r[1]); else merged.push(r.slice()); }
    return { chars, ranges: merged };
  }
  function highlighted(el, text, terms, start = 0, end = Infinity) {
    const { chars, ranges } = marks(text, terms);
    end = Math.min(end, chars.length);
    let i = start;
    for (const [a, b] of ranges) {
      if (b <= i || a >= end) continue;
      if (a > i) el.append(chars.slice(i, a).join(''));
      const m = document.createElement('mark');
      m.textContent = chars.slice(Math.max(a, i), Math.min(b, end)).join('');
      el.append(m);
      i = Math.min(b, end);
    }
    if (i < end) el.append(chars.slice(i, end).join(''));
    return el;
  }
  function snippet(el, text, terms) {
    const { chars, ranges } = marks(text, terms);
    const first = ranges.length ? ranges[0][0] : 0;
    const start = Math.max(0, first - 30), end = Math.min(chars.length, start + 120);
    if (start > 0) el.append('…');
    highlighted(el, text, terms, start, end);
    if (end < chars.length) el.append('…');
    return el;
  }

  // ---------- UI ----------
  // The words shown come from the build's string table (src/render/i18n.rs),
  // in the site's language: the page's gk-strings block.
  const strings = (() => {
    try { return JSON.parse(document.getElementById('gk-strings').textContent).t || {}; } catch (e) { return {}; }
  })();
  const T = {
    found: n => (strings.search_found || '').replace('{n}', n), none: strings.search_none || '',
    more: strings.search_more || '', all: n => (strings.search_all || '').replace('{n}', n),
    failed: strings.search_failed || '', scattered: strings.search_scattered || '',
  };
  const PAGE = 10, PANEL = 8;

  function el(tag, cls, text) { const e = document.createElement(tag); if (cls) e.className = cls; if (text != null) e.textContent = text; return e; }
  function renderHit(h, terms, statusNames) {
    const li = el('li', 'search-hit');
    const a = el('a', 'doc-title'); a.href = h.doc.u;
    highlighted(a, h.doc.t, terms);
    li.append(a);
    const meta = el('span', 'doc-meta');
    meta.append(el('span', 'badge status-' + h.doc.s, statusNames[h.doc.s] || h.doc.s));
    if (h.doc.n) highlighted(meta.appendChild(el('span', 'doc-number')), h.doc.n, terms);
    meta.append(el('span', 'doc-agency', h.doc.a));
    const time = el('time', 'doc-date', h.doc.d); time.dateTime = h.doc.d; meta.append(time);
    if (!h.exact) meta.append(el('span', 'search-scattered', T.scattered));
    li.append(meta);
    if (h.doc.x) li.append(snippet(el('p', 'snippet'), h.doc.x, terms));
    return li;
  }

  function searchPage(form, engine) {
    const q = form.querySelector('#q'), list = document.getElementById('search-results');
    const status = document.getElementById('search-status'), more = document.getElementById('search-more');
    const filtersBox = document.getElementById('search-filters');
    const fields = ['agency', 'category', 'class', 'status', 'year', 'from', 'to', 'sort', 'gazette'];
    const params = new URLSearchParams(location.search);
    let seq = 0, current = null, shown = 0;
    const values = () => {
      const v = {};
      for (const f of fields) { const c = form.elements[f]; v[f] = c.type === 'checkbox' ? (c.checked ? '1' : '') : c.value; }
      return v;
    };
    async function run() {
      const my = ++seq, v = values();
      const url = new URLSearchParams();
      if (q.value) url.set('q', q.value);
      for (const f of fields) if (v[f]) url.set(f, v[f]);
      history.replaceState(null, '', '?' + url.toString());
      if (!parseQuery(q.value).length) { list.replaceChildren(); status.textContent = ''; more.hidden = true; return; }
      try {
        const r = await engine.search(q.value, v, v.sort);
        if (my !== seq) return;
        current = r; shown = 0;
        const page = await engine.page(r, 0, PAGE);
        if (my !== seq) return;
        list.replaceChildren(...page.map(h => renderHit(h, r.terms, engine.meta.status_names)));
        shown = page.length;
        status.textContent = r.hits.length ? T.found(r.hits.length) : T.none;
        more.hidden = shown >= r.hits.length;
      } catch (e) {
        if (my === seq) status.textContent = T.failed;
      }
    }
    more.textContent = T.more;
    more.addEventListener('click', async () => {
      const my = seq, first = shown;
      const page = await engine.page(current, shown, PAGE);
      if (my !== seq) return;
      list.append(...page.map(h => renderHit(h, current.terms, engine.meta.status_names)));
      shown += page.length;
      more.hidden = shown >= current.hits.length;
      const link = list.children[first] && list.children[first].querySelector('a');
      if (link) link.focus();
    });
    engine.init().then(meta => {
      const fill = (id, items) => { const s = document.getElementById(id); for (const [value, label] of items) { const o = el('option', null, label); o.value = value; s.append(o); } };
      fill('f-agency', meta.facets.agency.map(([v, n]) => [v, `${v}（${n}）`]));
      fill('f-category', (meta.facets.category || []).map(([v, n]) => [v, `${v.replace('/', ' › ')}（${n}）`]));
      fill('f-class', (meta.facets.class || []).map(([v, n]) => [v, `${v}（${n}）`]));
      fill('f-status', (meta.facets.status || []).map(([v, n]) => [v, `${meta.status_names[v] || v}（${n}）`]));
      fill('f-year', engine.years().map(y => [String(y), String(y)]));
      for (const f of fields) {
        const c = form.elements[f], p = params.get(f);
        if (p != null) { if (c.type === 'checkbox') c.checked = p === '1'; else c.value = p; }
      }
      q.value = params.get('q') || '';
      filtersBox.hidden = false;
      run();
    }).catch(() => { status.textContent = T.failed; });
    form.addEventListener('submit', e => { e.preventDefault(); run(); });
    form.addEventListener('input', run);
    form.addEventListener('change', e => { if (e.target !== q) run(); });
  }

  function headerBox(form, engine) {
    const input = form.querySelector('input[type=search]'), status = form.querySelector('[role=status]');
    const panel = el('div', 'search-panel'); panel.hidden = true; panel.id = 'header-search-panel';
    const list = el('ul', 'search-results'); const all = el('a', 'search-all');
    // A real address from the start: an <a> without href is a link no crawler can follow.
    all.href = form.action;
    panel.append(list, all); form.append(panel);
    let seq = 0;
    const close = () => { panel.hidden = true; };
    input.addEventListener('input', async () => {
      const my = ++seq, value = input.value;
      if (!parseQuery(value).length) { close(); status.textContent = ''; return; }
      try {
        const r = await engine.search(value);
        const page = await engine.page(r, 0, PANEL);
        if (my !== seq) return;
        list.replaceChildren(...page.map(h => renderHit(h, r.terms, engine.meta.status_names)));
        list.querySelectorAll('.snippet').forEach(p => p.remove());
        all.href = form.action + '?q=' + encodeURIComponent(value);
        all.textContent = r.hits.length ? T.all(r.hits.length) : T.none;
        status.textContent = r.hits.length ? T.found(r.hits.length) : T.none;
        panel.hidden = false;
      } catch (e) { if (my === seq) status.textContent = T.failed; }
    });
    form.addEventListener('keydown', e => { if (e.key === 'Escape' && !panel.hidden) { close(); input.focus(); } });
    document.addEventListener('click', e => { if (!form.contains(e.target)) close(); });
    form.addEventListener('focusout', e => { if (e.relatedTarget && !form.contains(e.relatedTarget)) close(); });
  }

  const api = { docTokens, queryTokens, grams, compact, phraseForm, parseQuery, fnv1a, Engine, setFold: m => { fold = m; } };
  if (typeof window !== 'undefined') window.gkSearch = api;
  if (typeof module !== 'undefined') module.exports = api;
  if (typeof document === 'undefined') return;
  function start() {
    const form = document.getElementById('search-form') || document.querySelector('form.header-search');
    if (!form) return;
    const engine = Engine(form.dataset.root || '/');
    api.engine = engine;
    if (form.id === 'search-form') searchPage(form, engine); else headerBox(form, engine);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();
