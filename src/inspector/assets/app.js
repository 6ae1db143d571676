// The hooks inspector page. Everything a delivery carries is put on the
// page with textContent, never parsed as HTML: bodies are attacker-supplied.
'use strict';

const token = document.querySelector('meta[name="hooks-token"]').content;
const $ = (id) => document.getElementById(id);
const rows = $('rows');
const state = { byId: new Map(), next: null, selected: null, loading: false, epoch: 0, total: 0, newest: 0, showSecrets: false };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function toast(text, bad) {
  const t = $('toast');
  t.textContent = text;
  t.className = bad ? 'toast bad' : 'toast';
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 4000);
}

// --- filters -------------------------------------------------------------

function filters() {
  const f = {};
  for (const name of ['event', 'status', 'verification', 'source', 'q']) {
    const v = $('f-' + name).value.trim();
    if (v) f[name] = v;
  }
  return f;
}

function globMatches(pattern, text) {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(text);
}

// Whether a delivery that arrived live belongs in the filtered list; body
// search is decided by the server (see onDelivery).
function matches(d, f) {
  if (f.event && !eventTypes(d).some((t) => f.event.split(',').some((p) => globMatches(p.trim(), t)))) return false;
  if (f.status) {
    const s = d.status;
    if (s == null) return false;
    if (/^[1-5]xx$/i.test(f.status)) { if (Math.floor(s / 100) !== Number(f.status[0])) return false; }
    else if (String(s) !== f.status) return false;
  }
  if (f.verification && d.verification !== f.verification) return false;
  if (f.source && d.source !== f.source) return false;
  return true;
}

// --- the list ------------------------------------------------------------

const eventTypes = (d) => (d.events || []).map((e) => e.type).filter(Boolean);
const MARKS = { valid: '✓', invalid: '✗', unsigned: '–', unchecked: '?' };

function time(iso) {
  const d = new Date(iso);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

function statusCell(d) {
  const f = d.forward;
  if (f && f.error) return el('span', { class: 'status err', title: f.error }, d.status ?? '—', ' ', f.error.split(' ')[0]);
  if (d.outcome === 'interrupted') return el('span', { class: 'status err', title: 'hooks stopped before the app answered; replay it' }, 'interrupted');
  const cls = d.status ? 'status s' + Math.floor(d.status / 100) : 'status';
  const latency = f && f.latency_ms != null ? ` ${Math.round(f.latency_ms)} ms` : '';
  return el('span', { class: cls, title: d.outcome }, d.status ?? '…', el('span', { class: 'muted' }, latency));
}

function row(d) {
  const types = eventTypes(d);
  return el('tr', { 'data-id': d.id, class: d.id === state.selected ? 'selected' : '', onclick: () => select(d.id) },
    el('td', { class: 'mono', title: d.received_at }, time(d.received_at)),
    el('td', { title: types.join(', ') }, types.length ? types.join(', ') : el('span', { class: 'muted' }, d.method + ' ' + d.path)),
    el('td', {}, d.provider || el('span', { class: 'muted' }, '—')),
    el('td', {}, el('span', { class: 'mark ' + d.verification, title: d.verification + (d.reason ? ': ' + d.reason : '') }, MARKS[d.verification] || '?')),
    el('td', {}, statusCell(d)),
    el('td', {}, el('span', { class: 'badge ' + d.source }, d.replay_of ? `replay of #${d.replay_of}` : d.source)),
  );
}

function showEmpty() {
  $('empty').hidden = rows.children.length > 0;
}

async function load(reset) {
  if (state.loading && !reset) return;
  const epoch = reset ? ++state.epoch : state.epoch;
  state.loading = true;
  const params = new URLSearchParams(filters());
  if (!reset && state.next) params.set('before', state.next);
  try {
    const res = await fetch('/api/deliveries?' + params);
    const page = await res.json();
    if (epoch !== state.epoch) return;
    if (!res.ok) { toast(page.error || 'cannot list deliveries', true); return; }
    if (reset) { rows.replaceChildren(); state.byId.clear(); }
    for (const d of page.deliveries) {
      if (state.byId.has(d.id)) continue;
      state.byId.set(d.id, d);
      rows.append(row(d));
    }
    state.next = page.next;
    $('more').hidden = !page.next;
    if (reset) { state.total = page.total; state.newest = page.newest; showTotal(); }
    showEmpty();
  } catch (e) {
    toast('cannot list deliveries: ' + e.message, true);
  } finally {
    if (epoch === state.epoch) state.loading = false;
  }
}

function showTotal() {
  $('total').textContent = `${state.total} recorded`;
}

function onDelivery(d) {
  if (d.id > state.newest) { state.newest = d.id; state.total += 1; showTotal(); }
  const existing = rows.querySelector(`tr[data-id="${d.id}"]`);
  if (existing) {
    state.byId.set(d.id, d);
    existing.replaceWith(row(d));
    if (state.selected === d.id) refreshDetail(d.id);
    return;
  }
  const f = filters();
  if (!matches(d, f)) return;
  if (f.q) { clearTimeout(onDelivery.timer); onDelivery.timer = setTimeout(() => load(true), 300); return; }
  // New deliveries go on top, in id order.
  let before = rows.firstElementChild;
  while (before && Number(before.dataset.id) > d.id) before = before.nextElementSibling;
  if (!before && state.next) return; // older than the loaded page: it comes with "Load older"
  state.byId.set(d.id, d);
  const tr = row(d);
  tr.classList.add('fresh');
  rows.insertBefore(tr, before);
  showEmpty();
}

function connect() {
  const live = $('live');
  const source = new EventSource('/api/events');
  source.onopen = () => { live.textContent = 'live'; live.className = 'live on'; };
  source.onerror = () => { live.textContent = 'reconnecting…'; live.className = 'live off'; };
  source.addEventListener('delivery', (e) => onDelivery(JSON.parse(e.data)));
  source.addEventListener('reset', () => load(true));
}

// --- the detail view -------------------------------------------------------

function highlightJson(text) {
  const out = el('pre', { class: 'body json' });
  const re = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  let last = 0;
  for (let m; (m = re.exec(text));) {
    if (m.index > last) out.append(text.slice(last, m.index));
    if (m[1]) {
      out.append(el('span', { class: m[2] ? 'j-key' : 'j-str' }, m[1]));
      if (m[2]) out.append(m[2]);
    } else {
      out.append(el('span', { class: m[3] ? 'j-lit' : 'j-num' }, m[0]));
    }
    last = re.lastIndex;
  }
  out.append(text.slice(last));
  return out;
}

function hexDump(b64) {
  const bin = atob(b64);
  const lines = [];
  for (let off = 0; off < bin.length; off += 16) {
    const chunk = bin.slice(off, off + 16);
    let hex = '', ascii = '';
    for (let i = 0; i < 16; i++) {
      if (i < chunk.length) {
        const c = chunk.charCodeAt(i);
        hex += c.toString(16).padStart(2, '0') + ' ';
        ascii += c >= 0x20 && c < 0x7f ? chunk[i] : '.';
      } else hex += '   ';
      if (i === 7) hex += ' ';
    }
    lines.push(off.toString(16).padStart(8, '0') + '  ' + hex + ' |' + ascii + '|');
  }
  return el('pre', { class: 'body hex' }, lines.join('\n'));
}

// A body with Pretty (JSON), Raw and Hex views; binary opens in Hex.
function bodyView(body, id) {
  if (!body || body.size === 0) return el('p', { class: 'muted' }, '(empty body)');
  const views = {};
  if (body.json) views.Pretty = () => highlightJson(body.json);
  views.Raw = () => el('pre', { class: 'body raw' }, body.text);
  views.Hex = () => hexDump(body.head_base64);
  const start = body.json ? 'Pretty' : body.utf8 ? 'Raw' : 'Hex';
  const holder = el('div');
  const tabs = el('div', { class: 'tabs' });
  const show = (name) => {
    holder.replaceChildren(views[name]());
    for (const b of tabs.children) b.classList.toggle('on', b.textContent === name);
  };
  for (const name of Object.keys(views)) tabs.append(el('button', { type: 'button', onclick: () => show(name) }, name));
  show(start);
  const note = [];
  note.push(`${body.size} bytes`);
  if (body.truncated) note.push('shown in part');
  return el('div', {}, tabs, holder,
    el('p', { class: 'muted' }, note.join(' · '), id ? ' · ' : '',
      id ? el('a', { href: `/api/deliveries/${id}/body`, download: `delivery-${id}.bin` }, 'download') : null));
}

function headersTable(headers) {
  return el('table', { class: 'kv mono' }, ...headers.map(([n, v]) => el('tr', {}, el('td', {}, n), el('td', {}, v))));
}

async function copyCurl(text, masked) {
  try {
    await navigator.clipboard.writeText(text);
    toast(masked ? 'Copied the curl command (secret header values masked: tick "show secrets" to copy them)' : 'Copied the curl command');
  } catch {
    const area = el('textarea', { readonly: true, rows: 4 }, text);
    $('detail').prepend(area);
    area.select();
    toast('Select and copy the curl command above');
  }
}

async function replay(id, edits) {
  const res = await fetch(`/api/deliveries/${id}/replay`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hooks-Token': token },
    body: JSON.stringify(edits || {}),
  });
  const out = await res.json();
  if (!res.ok) { toast(out.error || `replay failed (${res.status})`, true); return; }
  onDelivery(out);
  toast(`Replayed as #${out.id}: ${out.answer.status}`, out.answer.status >= 400);
  select(out.id);
}

// The recorded request, editable: only the parts changed are sent, so an
// untouched body goes out as its recorded bytes (not re-indented), and the
// server recomputes Content-Length.
function editor(d) {
  const headerText = d.headers.map(([n, v]) => `${n}: ${v}`).join('\n');
  const method = el('input', { id: 'edit-method', value: d.method, size: 8, spellcheck: 'false' });
  const path = el('input', { id: 'edit-path', value: d.path, spellcheck: 'false' });
  const headers = el('textarea', { id: 'edit-headers', spellcheck: 'false', rows: Math.min(d.headers.length + 1, 12) }, headerText);
  const area = el('textarea', { id: 'edit-body', spellcheck: 'false' }, d.body.text);
  const resign = el('input', { type: 'checkbox', id: 'edit-resign', checked: true });
  const edits = () => {
    const out = { resign: resign.checked };
    if (method.value !== d.method) out.method = method.value;
    if (path.value !== d.path) out.path = path.value;
    if (headers.value !== headerText) {
      out.headers = headers.value.split('\n').filter((l) => l.trim()).map((l) => {
        const at = l.indexOf(':');
        return at < 0 ? [l, ''] : [l.slice(0, at), l.slice(at + 1).trim()];
      });
    }
    if (area.value !== d.body.text) out.body = area.value;
    return out;
  };
  const box = el('div', { class: 'editor' },
    el('h3', {}, 'Replay with edits'), el('div', { class: 'mono' }, method, ' ', path), headers, area,
    el('div', { class: 'actions' },
      el('label', {}, resign, 're-sign with a fresh timestamp'),
      el('button', { type: 'button', class: 'primary', id: 'edit-send', onclick: async (e) => {
        e.target.disabled = true;
        try { await replay(d.id, edits()); } finally { e.target.disabled = false; }
      } }, 'Send'),
      el('button', { type: 'button', onclick: () => box.remove() }, 'Cancel')));
  return box;
}

function link(id) {
  return el('a', { onclick: () => select(id) }, '#' + id);
}

function renderDetail(d) {
  const types = eventTypes(d);
  const actions = el('div', { class: 'actions' },
    el('button', { type: 'button', class: 'primary', id: 'replay', onclick: async (e) => {
      e.target.disabled = true;
      try { await replay(d.id); } finally { e.target.disabled = false; }
    } }, 'Replay'),
    // Only a text body can be edited as text without corrupting it.
    el('button', { type: 'button', id: 'replay-edit', disabled: d.oversized != null || !d.body.utf8 || d.body.truncated, onclick: () => {
      if (!$('edit-body')) actions.after(editor(d));
    } }, 'Replay with edits'),
    el('button', { type: 'button', id: 'copy-curl', onclick: () => copyCurl(d.curl, d.secrets_masked) }, 'Copy as curl'));
  const sub = el('div', { class: 'sub' }, new Date(d.received_at).toLocaleString(), ' · ',
    el('span', { class: 'badge ' + d.source }, d.source), d.remote ? ' · from ' + d.remote : '');
  if (d.replay_of) sub.append(' · replay of ', link(d.replay_of));
  if (d.replays && d.replays.length) {
    sub.append(' · replayed as ');
    d.replays.forEach((id, i) => { if (i) sub.append(', '); sub.append(link(id)); });
  }
  const verification = el('div', { class: 'verification ' + d.verification, id: 'verification' },
    el('span', { class: 'mark ' + d.verification }, MARKS[d.verification] || '?'), ' ',
    el('strong', {}, d.verification), d.provider ? ` (${d.provider})` : '', d.reason ? ' — ' + d.reason : '',
    // Where it came from, beside the signature: only when there is a verdict.
    d.origin ? el('span', { class: 'origin ' + d.origin, id: 'origin', title: "the caller's address against the provider's published ranges" }, ' · origin ' + d.origin) : '');
  const attempts = d.attempts.length
    ? d.attempts.map((a) => el('div', { class: 'attempt' },
      el('div', {}, el('span', { class: a.status ? 'status s' + Math.floor(a.status / 100) : 'status err' }, a.status ?? 'no answer'),
        ' ', a.url, el('span', { class: 'muted' }, `${a.latency_ms != null ? ` · ${a.latency_ms.toFixed(1)} ms` : ''} · ${new Date(a.at).toLocaleTimeString()}`)),
      a.error ? el('p', { class: 'status err' }, a.error) : null,
      a.headers.length ? el('details', {}, el('summary', {}, `response headers (${a.headers.length})`), headersTable(a.headers)) : null,
      a.status ? bodyView(a.body) : null))
    : d.outcome === 'interrupted'
      ? [el('p', { class: 'status err', id: 'interrupted' }, 'Interrupted: hooks stopped while the app had not answered yet. Replay it to send it again.')]
      : [el('p', { class: 'muted' }, `Not forwarded (${d.outcome}); answered ${d.status ?? '—'}.`)];
  $('detail').replaceChildren(
    el('h2', { class: 'mono' }, `#${d.id} ${d.method} ${d.path}`),
    sub,
    el('div', {}, types.length ? types.join(', ') : el('span', { class: 'muted' }, 'no event type recognised')),
    actions,
    el('h3', {}, 'Signature'), verification,
    el('h3', {}, 'Body'), d.oversized != null
      ? el('p', { class: 'status err' }, `Refused as too large (${d.oversized} bytes); the body was not kept.`)
      : bodyView(d.body, d.id),
    el('h3', {}, `Request headers (${d.headers.length}) `,
      el('label', { class: 'muted toggle' },
        el('input', { type: 'checkbox', id: 'show-secrets', checked: state.showSecrets, onchange: (e) => {
          state.showSecrets = e.target.checked;
          refreshDetail(d.id);
        } }), ' show secrets')),
    headersTable(d.headers),
    el('h3', {}, 'Forward attempts'), ...attempts,
  );
}

async function refreshDetail(id) {
  const res = await fetch(`/api/deliveries/${id}` + (state.showSecrets ? '?show_secrets=1' : ''));
  const d = await res.json();
  if (state.selected !== id) return;
  if (!res.ok) { $('detail').replaceChildren(el('p', { class: 'empty' }, d.error)); return; }
  renderDetail(d);
}

function select(id) {
  state.selected = id;
  for (const tr of rows.querySelectorAll('tr.selected')) tr.classList.remove('selected');
  const tr = rows.querySelector(`tr[data-id="${id}"]`);
  if (tr) { tr.classList.add('selected'); tr.scrollIntoView({ block: 'nearest' }); }
  refreshDetail(id);
}

// --- wiring ----------------------------------------------------------------

document.addEventListener('keydown', (e) => {
  if (e.target.closest('input, textarea, select')) return;
  if (e.key !== 'j' && e.key !== 'k' && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const current = rows.querySelector('tr.selected');
  const down = e.key === 'j' || e.key === 'ArrowDown';
  const next = current ? (down ? current.nextElementSibling : current.previousElementSibling) : rows.firstElementChild;
  if (next) { e.preventDefault(); select(Number(next.dataset.id)); }
});

let typing;
$('filters').addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(() => load(true), 250); });
$('filters').addEventListener('submit', (e) => { e.preventDefault(); load(true); });
$('more').addEventListener('click', () => load(false));
// Older pages load as the end of the list scrolls into view.
new IntersectionObserver((entries) => {
  if (entries.some((e) => e.isIntersecting) && state.next) load(false);
}, { root: document.querySelector('.list') }).observe($('more'));

load(true).then(connect);
