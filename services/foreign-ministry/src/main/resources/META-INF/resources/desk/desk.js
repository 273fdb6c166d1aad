// The desk: a ministry officer's pages to write, send, follow, read and answer notes.
// Plain JavaScript, no libraries, no build step, like the audit's pages. One page, four views chosen by
// the address's hash: #write, #sent, #received (#note=<id>: one received note opened), #thread=<id>.
// Server text is only ever put in the page as text (textContent, createElement): never as markup.
//
// Ids and classes the browser tests rely on:
//   #nav-write, #nav-sent, #nav-received        the top links; #unread-count: the number of unread notes
//   form #write: #to, #kind, #precedence, #classification, #subject, #body, #regime, #event-at,
//                #deliver-by, #in-reply-to, #references, button #send
//   #route       the route preview: one .route-for[data-to] per recipient, in it one .route per planned
//                route (the first also .planned; the others are the fallbacks, in order), one .closed per
//                channel closed and why, one .caution per caution
//   #problem     (role=alert) why the last send failed, with "try again in N s" on 429/503
//   #accepted    (role=status, in the Sent view) the note last accepted, with its reference; data-id: its id
//   table #sent  tr[data-id] per note, cells .reference (the number itself in .ref) and .status; a circular: tr.circular[data-id], then
//                one tr.copy[data-id][data-circular=<circular id>] per copy (shown by its toggle button)
//   table #received  tr[data-id] per note, .unread on unread ones (with the word "unread" in the row)
//   #note        the opened received note, with button #answer
//   #thread      one .note[data-id] per note of the exchange, each with .reference and .direction;
//                button .answer on the latest note received
//   #announce    (aria-live) status changes and arrivals, said aloud; #signin: shown without a token
'use strict';
(() => {
  const TOKEN_KEY = 'chancery.ministry-token';
  const MOST_PREVIEWED = 10; // a circular to more states: each copy's route is planned when it is sent
  const RECONNECT_MS = 3000;
  const $ = (id) => document.getElementById(id);
  const enc = encodeURIComponent;

  // --- signing in --------------------------------------------------------------------------------
  // As the audit's pages: a link ending in #token=... signs this tab in; the token is kept in the tab's
  // session storage, gone when the tab is closed, and never in the address once read.
  function signInFromLink() {
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
    if (!fromLink) return false;
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }

  // The JWT's payload, read only to learn which ministry this is; the services verify the token.
  function claims(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const padded = part + '='.repeat((4 - (part.length % 4)) % 4);
      const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      return {};
    }
  }

  signInFromLink();
  const token = sessionStorage.getItem(TOKEN_KEY);
  const state = token ? claims(token).state : null;

  function showSignIn(why) {
    document.querySelectorAll('.view').forEach((v) => { v.hidden = true; });
    $('nav').hidden = true;
    $('signin').hidden = false;
    $('signin-why').textContent = why;
  }

  // --- talking to the ministry -------------------------------------------------------------------
  // The API's own paths, from the site's root: this page is served under /desk/.
  async function api(path, options = {}) {
    const headers = {Authorization: `Bearer ${token}`, Accept: 'application/json', ...(options.headers || {})};
    let response;
    try {
      response = await fetch(path, {...options, headers});
    } catch (e) {
      throw new Error(`The ministry's service cannot be reached (${e.message}).`);
    }
    if (response.status === 401) {
      showSignIn('The service refused this token: it may have expired or been revoked. Sign in again.');
      throw new Error('Not signed in.');
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      let message = problem.detail || problem.title || `${response.status} ${response.statusText}`;
      const wait = retryAfter(response.headers.get('Retry-After'));
      if ((response.status === 429 || response.status === 503) && wait !== null) {
        message += ` — try again in ${wait} s.`;
      }
      throw new Error(message);
    }
    return response.status === 204 ? null : response.json().catch(() => null);
  }

  // Retry-After is seconds, or (rarely) an HTTP date.
  function retryAfter(header) {
    if (!header) return null;
    if (/^\d+$/.test(header.trim())) return Number(header.trim());
    const at = Date.parse(header);
    return Number.isNaN(at) ? null : Math.max(1, Math.ceil((at - Date.now()) / 1000));
  }

  // --- building the page -------------------------------------------------------------------------
  // An element with attributes and children; strings become text nodes, never markup. A null,
  // undefined or false attribute or child is left out.
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') node.className = v;
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
    }
    return node;
  }

  const time = (iso) => (iso ? `${String(iso).slice(0, 16).replace('T', ' ')} UTC` : '');
  const longDate = (iso) => (iso ? new Date(iso).toLocaleDateString('en-GB',
    {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'}) : '');
  const words = (s) => (s ? String(s).charAt(0) + String(s).slice(1).toLowerCase().replace(/_/g, ' ') : '');
  const badge = (status) => h('span', {class: `badge ${status || ''}`}, status ? status.replace(/_/g, ' ') : '—');
  const emptyRow = (columns, message) => h('tr', {}, h('td', {colspan: columns, class: 'muted'}, message));
  const isCircular = (n) => Array.isArray(n.to) || Array.isArray(n.copies);
  const copyId = (copy) => copy.noticeId || copy.id || null; // the record says noticeId, the contract id
  const sel = (id) => `[data-id="${CSS.escape(id)}"]`;

  let names = {}; // state code → name, from GET /states
  const stateName = (code) => (names[code] ? `${code} (${names[code]})` : code);

  // A party as Party.java names it (embassy:USA@DEU) in words: "USA embassy in DEU".
  function party(p) {
    const m = /^([a-z-]+):([^@]+)(?:@(.+))?$/.exec(p || '');
    if (!m) return p || '';
    const [, kind, who, at] = m;
    const where = at ? ` in ${at}` : '';
    switch (kind) {
      case 'ministry': return `Ministry of ${who}`;
      case 'embassy': return `${who} embassy${where}`;
      case 'hotline': return at ? `hotline ${who} (${at} node)` : `hotline ${who}`;
      case 'protecting-power': return `${who} as protecting power`;
      case 'interests-section': return `${who} interests section${where}`;
      case 'mission': return `${who} mission to the UN`;
      case 'mediator': return `${who} as mediator`;
      default: return p;
    }
  }

  // When a received note reached this ministry: its DELIVERED step, else when it was accepted.
  function receivedAt(n) {
    const delivered = (n.statusHistory || []).find((s) => s.status === 'DELIVERED');
    return (delivered && delivered.at) || n.acceptedAt;
  }

  function announce(message) {
    $('announce').textContent = message;
  }

  // --- views ------------------------------------------------------------------------------------
  const VIEW_OF = {write: 'write', sent: 'sent', received: 'received', note: 'received', thread: 'thread'};
  let focusNext = null; // an element to focus after the next view change, instead of its heading

  function route(initial = false) {
    const [name, arg] = location.hash.slice(1).split('=');
    const view = VIEW_OF[name] || 'write';
    const id = arg ? decodeURIComponent(arg) : null;
    document.querySelectorAll('.view').forEach((v) => { v.hidden = v.id !== `view-${view}`; });
    ['write', 'sent', 'received'].forEach((v) => {
      if (v === view) $(`nav-${v}`).setAttribute('aria-current', 'page');
      else $(`nav-${v}`).removeAttribute('aria-current');
    });
    if (view === 'sent') loadSent();
    if (view === 'received') {
      openNoteId = name === 'note' ? id : null;
      loadReceived();
      if (openNoteId) openNote(openNoteId); else $('note').hidden = true;
    }
    if (view === 'thread') loadThread(id);
    // A hash naming an element (#sent is also the table) makes the browser scroll to it: start at the top,
    // and take keyboard and screen-reader users to the view's heading.
    // On the first view shown, focus starts where the browser puts it.
    if (!initial) {
      window.scrollTo(0, 0);
      const target = focusNext || document.querySelector(`#view-${view} h2`);
      if (name !== 'note') target.focus(); // an opened note takes the focus itself, once loaded
    }
    focusNext = null;
    return view;
  }

  function go(hash) {
    if (location.hash === `#${hash}`) route(); else location.hash = hash;
  }

  // --- write ------------------------------------------------------------------------------------
  const recipients = () => $('to').value.toUpperCase().split(/[\s,;]+/).filter(Boolean);
  let planTimer;
  let planAsked = 0;

  function showNames(to) {
    const known = Object.keys(names).length > 0;
    const said = to.map((code) => (names[code] || !known ? stateName(code) : `${code} (not a state Chancery knows)`));
    $('to-names').textContent = to.length > 1 ? `A circular note to ${to.length} states: ${said.join(', ')}`
      : said.join('');
  }

  // The routes each recipient's copy would take, asked as soon as To, kind, precedence or regime change.
  async function plan() {
    const asked = ++planAsked;
    const to = recipients();
    const box = $('route');
    showNames(to);
    if (!to.length) {
      box.replaceChildren(h('p', {class: 'muted'}, 'Name the receiving state to see how the note would travel.'));
      return;
    }
    if (to.length > MOST_PREVIEWED) {
      box.replaceChildren(h('p', {}, `A circular note to ${to.length} states: each copy's route is planned `
        + 'for its recipient when the note is sent, and shown in Sent.'));
      return;
    }
    const params = (recipient) => {
      const q = new URLSearchParams({from: state, to: recipient, kind: $('kind').value, precedence: $('precedence').value});
      if ($('regime').value) q.set('regime', $('regime').value);
      return q;
    };
    const results = await Promise.all(to.map((recipient) => (/^[A-Z]{3}$/.test(recipient)
      ? api(`/routes?${params(recipient)}`).then((view) => ({recipient, view}), (e) => ({recipient, error: e.message}))
      : Promise.resolve({recipient, error: `${recipient} is not an ISO 3166-1 alpha-3 code such as DEU.`}))));
    if (asked !== planAsked) return; // the form changed while asking: a later answer is on its way
    box.replaceChildren(...results.map(routeBlock));
  }

  function routeBlock({recipient, view, error}) {
    const block = h('div', {class: 'route-for', 'data-to': recipient}, h('h4', {}, `To ${stateName(recipient)}`));
    if (error) {
      block.append(h('p', {class: 'bad'}, error));
      return block;
    }
    const routes = view.routes || [];
    if (!view.deliverable || !routes.length) {
      block.append(h('p', {class: 'bad'}, 'No channel can carry this note now: it would not be delivered.'));
    }
    if (routes.length) {
      block.append(h('ol', {class: 'routes'}, routes.map((r, i) => h('li', {class: i === 0 ? 'route planned' : 'route'},
        h('span', {class: 'route-role'}, i === 0 ? 'Planned' : `Fallback ${i}`), ' ',
        h('b', {}, r.channel), r.informal ? ' (informal)' : '',
        r.via && r.via.length ? ` via ${r.via.map(party).join(' → ')}` : '',
        r.reason ? h('span', {class: 'reason'}, r.reason) : null))));
    }
    if (view.unavailable && view.unavailable.length) {
      block.append(h('p', {class: 'small-heading'}, 'Closed channels'),
        h('ul', {class: 'closed-list'}, view.unavailable.map((why) => h('li', {class: 'closed'}, why))));
    }
    if (view.cautions && view.cautions.length) {
      block.append(h('p', {class: 'small-heading'}, 'Cautions'),
        h('ul', {class: 'cautions'}, view.cautions.map((c) => h('li', {class: 'caution'}, c))));
    }
    return block;
  }

  // A datetime-local value, read as UTC: 2026-12-03T14:30 → 2026-12-03T14:30:00.000Z.
  function utc(value) {
    if (!value) return undefined;
    const at = new Date(`${value}Z`);
    return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
  }

  function setReply(note) {
    $('in-reply-to').value = note ? note.id : '';
    $('in-reply-to').readOnly = Boolean(note);
    $('in-reply-to-ref').textContent = note ? `Answers ${note.reference || 'the note'}: ${note.subject || ''}` : '';
    $('not-a-reply').hidden = !note;
  }

  // An id typed in by hand: say which note it is, or that it is not one this ministry knows.
  async function checkReply() {
    const input = $('in-reply-to');
    if (input.readOnly) return;
    const id = input.value.trim();
    if (!id) { $('in-reply-to-ref').textContent = ''; return; }
    try {
      const n = await api(`/notices/${enc(id)}`);
      $('in-reply-to-ref').textContent = `Answers ${n.reference || id}: ${n.subject || ''}`;
    } catch (e) {
      $('in-reply-to-ref').textContent = e.message;
    }
  }

  // Answer a received note: Write, addressed to its sender, citing it.
  function answer(n) {
    $('to').value = n.from;
    setReply(n);
    $('references').value = n.reference ? `${n.reference} of ${longDate(receivedAt(n))}` : '';
    $('subject').value = /^re:/i.test(n.subject || '') ? n.subject : `Re: ${n.subject || ''}`;
    $('problem').textContent = '';
    focusNext = $('body');
    go('write');
    plan();
  }

  async function send(event) {
    event.preventDefault();
    const problem = $('problem');
    problem.textContent = '';
    const to = recipients();
    const missing = !to.length ? ['to', 'Name the receiving state.']
      : !$('subject').value.trim() ? ['subject', 'Give the note a subject.']
        : !$('body').value.trim() ? ['body', 'The note has no text.'] : null;
    if (missing) {
      problem.textContent = missing[1];
      $(missing[0]).focus();
      return;
    }
    const note = {
      from: state, to: to.length === 1 ? to[0] : to,
      kind: $('kind').value, precedence: $('precedence').value, classification: $('classification').value,
      subject: $('subject').value.trim(), body: $('body').value,
      regime: $('regime').value || undefined,
      eventAt: utc($('event-at').value), deliverBy: utc($('deliver-by').value),
      inReplyTo: $('in-reply-to').value.trim() || undefined,
      references: $('references').value.trim() || undefined,
    };
    const button = $('send');
    button.disabled = true;
    button.textContent = 'Sending…';
    try {
      const accepted = await api('/notices', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(note)});
      $('write').reset();
      setReply(null);
      plan();
      $('accepted').dataset.id = (accepted && accepted.id) || '';
      $('accepted').textContent = `Accepted: ${(accepted && accepted.reference) || 'the note'} to `
        + `${[].concat(note.to).join(', ')}, “${note.subject}”. Its status follows below.`;
      go('sent');
    } catch (e) {
      // Everything typed stays in the form; the alert says what to change.
      problem.textContent = e.message;
    } finally {
      button.disabled = false;
      button.textContent = 'Send';
    }
  }

  // --- lists, kept current ----------------------------------------------------------------------
  // A burst of changes reads a list once, a moment after the first of them.
  const pending = {};
  function soon(what, load, ms = 250) {
    if (pending[what]) return;
    pending[what] = setTimeout(() => { pending[what] = null; load(); }, ms);
  }

  // Each list shows the answer to the request made last: an older answer arriving late is dropped.
  const asked = {};
  async function latest(what, request) {
    const mine = (asked[what] = (asked[what] || 0) + 1);
    const answer = await request();
    return mine === asked[what] ? answer : null;
  }

  // Rows drawn again keep the keyboard's place: the focused control is found again in its row.
  function keepingFocus(body, redraw) {
    const active = document.activeElement;
    const row = active && body.contains(active) ? active.closest('[data-id]') : null;
    const where = row ? {id: row.dataset.id, tag: active.tagName, cls: active.className} : null;
    redraw();
    if (!where) return;
    const again = body.querySelector(sel(where.id));
    const control = again && [...again.querySelectorAll(where.tag)].find((e) => e.className === where.cls);
    if (control) control.focus();
  }

  // --- sent -------------------------------------------------------------------------------------
  const expanded = new Set(); // circulars whose copies are shown, kept across reloads of the list

  let sentLoading = 0; // lists asked for and not answered yet

  async function loadSent() {
    const body = $('sent').tBodies[0];
    sentLoading++;
    try {
      const page = await latest('sent', () => api('/notices?box=sent&size=50'));
      if (!page) return;
      const rows = (page.notes || []).flatMap(sentRows);
      keepingFocus(body, () => body.replaceChildren(...(rows.length ? rows : [emptyRow(8, 'No note sent yet.')])));
    } catch (e) {
      body.replaceChildren(emptyRow(8, e.message));
    } finally {
      sentLoading--;
    }
  }

  const sentRows = (n) => (isCircular(n) ? circularRows(n) : [noteRow(n)]);

  function receiptText(n) {
    if (n.receipt && n.receipt.outcome) {
      return [words(n.receipt.outcome), ' ', h('span', {class: 'muted'}, time(n.receipt.at)),
        n.receipt.reason ? h('div', {class: 'muted'}, n.receipt.reason) : null];
    }
    return n.status === 'FAILED' && n.failureReason ? n.failureReason : '—';
  }

  function noteRow(n) {
    const underWay = n.status === 'ACCEPTED' || n.status === 'IN_TRANSIT';
    return h('tr', {'data-id': n.id},
      h('td', {class: 'reference'}, h('a', {href: `#thread=${enc(n.id)}`, class: 'ref'}, n.reference || n.id)),
      h('td', {}, n.to),
      h('td', {}, n.subject),
      h('td', {}, words(n.precedence)),
      h('td', {}, n.channel || (n.route && n.route.channel) || '—'),
      h('td', {class: 'status'}, badge(n.status), n.late ? h('div', {class: 'warn'}, 'given late') : null),
      h('td', {}, receiptText(n)),
      h('td', {}, underWay && n.estimatedDelivery ? time(n.estimatedDelivery) : '—'));
  }

  function circularRows(c) {
    const copies = c.copies || [];
    const open = expanded.has(c.id);
    const counts = c.counts || {};
    const toggle = h('button', {type: 'button', class: 'link toggle', 'aria-expanded': String(open)},
      `${open ? 'Hide' : 'Show'} the ${copies.length} copies`);
    toggle.addEventListener('click', () => {
      const show = !expanded.has(c.id);
      if (show) expanded.add(c.id); else expanded.delete(c.id);
      toggle.setAttribute('aria-expanded', String(show));
      toggle.textContent = `${show ? 'Hide' : 'Show'} the ${copies.length} copies`;
      $('sent').querySelectorAll(`tr[data-circular="${CSS.escape(c.id)}"]`).forEach((r) => { r.hidden = !show; });
    });
    const standing = [`${counts.acknowledged || 0} of ${counts.recipients || copies.length} acknowledged`];
    for (const [key, label] of [['pending', 'under way'], ['overdue', 'overdue'], ['returned', 'returned'],
      ['failed', 'failed'], ['notSent', 'not sent']]) {
      if (counts[key]) standing.push(`${counts[key]} ${label}`);
    }
    const head = h('tr', {'data-id': c.id, class: 'circular'},
      h('td', {class: 'reference'}, h('span', {class: 'ref'}, c.reference || c.id),
        h('div', {class: 'muted'}, 'circular note'), toggle),
      h('td', {}, (c.to || []).join(', ')),
      h('td', {}, c.subject),
      h('td', {}, words(c.precedence)),
      h('td', {class: 'muted'}, 'per copy'),
      h('td', {class: 'status'}, badge(c.status)),
      h('td', {}, standing.join(', ')),
      h('td', {}, '—'));
    return [head, ...copies.map((copy) => h('tr', {'data-id': copyId(copy), 'data-circular': c.id, class: 'copy', hidden: !open},
      h('td', {class: 'reference'}, copyId(copy) ? h('a', {href: `#thread=${enc(copyId(copy))}`}, `copy to ${copy.to}`)
        : `copy to ${copy.to}`),
      h('td', {}, copy.to),
      h('td', {colspan: 3, class: 'muted'}, copy.reason || ''),
      h('td', {class: 'status'}, badge(copy.status || 'NOT_SENT')),
      h('td', {}, copy.receiptAt ? time(copy.receiptAt) : '—'),
      h('td', {}, '—')))];
  }

  // A note's status changed: say so, and read the list again (a circular's row stands for its copies).
  function onSent(event) {
    const row = $('sent').querySelector(`tr${sel(event.circular || event.id)}`);
    const reference = row ? row.querySelector('.ref') : null;
    const copy = event.circular ? $('sent').querySelector(`tr.copy${sel(event.id)}`) : null;
    announce(`${event.reference || (reference ? reference.textContent : 'A note')}`
      + `${copy ? `, copy to ${copy.cells[1].textContent}` : ''}: `
      + `${words(event.status)}.`);
    if ($('view-sent').hidden) return;
    if (row) { // a note shown: read it alone
      rowsDue.add(event.circular || event.id);
      soon('rows', redrawRows);
    } else { // a note not shown yet: the list, once for a burst of them
      soon('sent', loadSent, 1000);
    }
  }

  // Notes whose rows are drawn again from their own reading, each once for a burst of its changes.
  const rowsDue = new Set();
  async function redrawRows() {
    const keys = [...rowsDue];
    rowsDue.clear();
    const body = $('sent').tBodies[0];
    for (const key of keys) {
      try {
        const n = await api(`/notices/${enc(key)}`);
        const old = [...body.querySelectorAll(`tr${sel(key)}, tr[data-circular="${CSS.escape(key)}"]`)];
        if (old.length) {
          keepingFocus(body, () => { old[0].before(...sentRows(n)); old.forEach((r) => r.remove()); });
        }
      } catch (e) {
        // The row keeps what it showed; the list is read again on the next visit to Sent.
      }
    }
    // A list asked for before these changes would draw them as they were: ask for it again.
    if (sentLoading > 0) soon('sent', loadSent);
  }

  // --- received ---------------------------------------------------------------------------------
  let openNoteId = null;

  function setUnread(count) {
    $('unread-count').textContent = String(count);
    $('nav-received').classList.toggle('has-unread', count > 0);
  }

  async function loadReceived() {
    const body = $('received').tBodies[0];
    try {
      const page = await latest('received', () => api('/notices?box=received&size=50'));
      if (!page) return null;
      const notes = page.notes || [];
      setUnread(typeof page.unread === 'number' ? page.unread : notes.filter((n) => n.read === false).length);
      keepingFocus(body, () => body.replaceChildren(...(notes.length ? notes.map(receivedRow)
        : [emptyRow(6, 'No note received yet.')])));
      return notes;
    } catch (e) {
      body.replaceChildren(emptyRow(6, e.message));
      return [];
    }
  }

  function receivedRow(n) {
    const unread = n.read === false;
    const classes = [unread ? 'unread' : '', n.id === openNoteId ? 'open' : ''].join(' ').trim();
    return h('tr', {'data-id': n.id, class: classes || null},
      h('td', {}, unread ? h('span', {class: 'flag'}, 'unread') : null, unread ? ' ' : null, time(receivedAt(n))),
      h('td', {}, stateName(n.from)),
      h('td', {class: 'reference'}, n.reference || ''),
      h('td', {}, h('a', {href: `#note=${enc(n.id)}`}, n.subject || '(no subject)')),
      h('td', {}, words(n.kind), h('div', {class: 'muted'}, words(n.precedence))),
      h('td', {}, n.channel || '—'));
  }

  function facts(pairs) {
    return h('dl', {class: 'facts'}, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
      .flatMap(([k, v, cls]) => [h('dt', {}, k), h('dd', {class: cls || null}, v)]));
  }

  async function openNote(id) {
    const box = $('note');
    box.hidden = false;
    box.replaceChildren(h('p', {class: 'muted'}, 'Loading…'));
    let n;
    try {
      n = await api(`/notices/${enc(id)}`);
    } catch (e) {
      box.replaceChildren(h('p', {class: 'bad'}, e.message));
      return;
    }
    if (openNoteId !== id) return; // another note was opened meanwhile
    const answerButton = h('button', {type: 'button', id: 'answer'}, 'Answer');
    answerButton.addEventListener('click', () => answer(n));
    const close = h('button', {type: 'button', class: 'secondary'}, 'Close');
    close.addEventListener('click', () => go('received'));
    const heading = h('h3', {tabindex: '-1'}, n.subject || '(no subject)');
    box.replaceChildren(heading,
      facts([
        ['From', stateName(n.from)],
        ['Reference', n.reference, 'reference'],
        ['Received', time(receivedAt(n))],
        ['Channel', n.channel],
        ['Kind', `${words(n.kind)}, ${words(n.precedence)}, ${words(n.classification)}`],
        ['References', n.references],
        ['In reply to', n.inReplyTo ? h('a', {href: `#thread=${enc(n.id)}`}, 'a note of ours: see the exchange') : null],
        ['Receipt given', n.receipt && n.receipt.outcome ? `${words(n.receipt.outcome)} ${time(n.receipt.at)}` : null],
      ]),
      h('div', {class: 'body'}, n.body === null || n.body === undefined ? '(The text is not shown.)' : n.body),
      h('p', {class: 'actions'}, answerButton, ' ', h('a', {href: `#thread=${enc(n.id)}`}, 'The whole exchange'), ' ', close));
    heading.focus();
    if (n.read === false || (n.direction === 'RECEIVED' && n.read !== true)) {
      try {
        await api(`/notices/${enc(id)}/read`, {method: 'POST'});
        loadReceived();
      } catch (e) {
        // Still unread on the server; the row keeps its mark.
      }
    }
  }

  async function onReceived(event) {
    const notes = await loadReceived();
    const n = (notes || []).find((x) => x.id === event.id);
    announce(n ? `A note arrived from ${n.from}: ${n.subject}.` : 'A note arrived.');
  }

  // --- thread -----------------------------------------------------------------------------------
  let threadId = null;

  async function loadThread(id) {
    threadId = id;
    const box = $('thread');
    if (!id) { box.replaceChildren(h('p', {}, 'No note named.')); return; }
    try {
      const notes = (await api(`/notices/${enc(id)}/thread`)).notes || [];
      if (threadId !== id) return;
      const sent = (n) => (n.direction ? n.direction === 'SENT' : n.from === state);
      const lastReceived = [...notes].reverse().find((n) => !sent(n));
      keepingFocus(box, () => box.replaceChildren(...(notes.length
        ? notes.map((n) => threadNote(n, sent(n), n === lastReceived))
        : [h('p', {class: 'muted'}, 'No note in this exchange.')])));
    } catch (e) {
      box.replaceChildren(h('p', {class: 'bad'}, e.message));
    }
  }

  // How the note travelled: each attempt of a sent note; the channel a received note arrived by.
  function travelled(n) {
    const attempts = (n.route && n.route.attempts) || [];
    if (attempts.length) {
      return h('ul', {class: 'attempts'}, attempts.map((a) => h('li', {},
        `Attempt ${a.attempt}: `, h('b', {}, a.channel), a.via ? ` via ${party(a.via)}` : '',
        a.state ? ` — ${words(a.state)}` : '', a.reason ? ` (${a.reason})` : '')));
    }
    const planned = n.route && n.route.planned && n.route.planned[0];
    if (planned) return h('p', {}, 'Planned: ', h('b', {}, planned.channel), ` via ${(planned.via || []).map(party).join(' → ')}`);
    // The delivery's detail names the party that handed the note over: "by EMBASSY (embassy:DEU@USA)".
    const delivered = (n.statusHistory || []).find((s) => s.status === 'DELIVERED');
    const by = delivered && delivered.detail ? /\(([^)]+)\)/.exec(delivered.detail) : null;
    if (n.channel) return h('p', {}, 'Arrived by ', h('b', {}, n.channel), by ? `, handed over by ${party(by[1])}` : '');
    return null;
  }

  function threadNote(n, sent, answerable) {
    const way = sent ? 'sent' : 'received';
    const at = sent ? n.acceptedAt || (n.statusHistory && n.statusHistory[0] && n.statusHistory[0].at) : receivedAt(n);
    let answerButton = null;
    if (answerable) {
      answerButton = h('button', {type: 'button', class: 'answer'}, 'Answer');
      answerButton.addEventListener('click', () => answer(n));
    }
    return h('article', {class: `note ${way}`, 'data-id': n.id},
      h('h3', {}, h('span', {class: 'direction'}, `${n.from} → ${n.to} · ${way}`), ' ',
        h('span', {class: 'reference'}, n.reference || '')),
      h('p', {class: 'meta'}, time(at), ' ', badge(n.status),
        n.receipt && n.receipt.outcome ? ` receipt: ${words(n.receipt.outcome)} ${time(n.receipt.at)}` : ''),
      h('p', {class: 'subject'}, h('b', {}, n.subject || '(no subject)')),
      n.references ? h('p', {class: 'muted'}, `References: ${n.references}`) : null,
      h('div', {class: 'body'}, n.body === null || n.body === undefined ? '(The text is not shown.)' : n.body),
      travelled(n),
      answerButton ? h('p', {class: 'actions'}, answerButton) : null);
  }

  // --- live updates -----------------------------------------------------------------------------
  // GET /notices/events needs the Authorization header, which EventSource cannot send: read the
  // stream with fetch and parse its lines (event:, data:, a blank line ends an event).
  async function readEvents(reader, dispatch) {
    const decoder = new TextDecoder();
    let buffer = '';
    let type = '';
    let data = [];
    for (;;) {
      const {value, done} = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, {stream: true});
      const lines = buffer.split(/\r\n|\r|\n/);
      buffer = lines.pop(); // an unfinished line waits for the rest of it
      for (const line of lines) {
        if (line === '') {
          if (data.length) dispatch(type || 'message', data.join('\n'));
          type = '';
          data = [];
        } else if (!line.startsWith(':')) { // ": keepalive" is a comment
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'event') type = value;
          else if (field === 'data') data.push(value);
        }
      }
    }
  }

  function dispatch(type, data) {
    let event;
    try { event = JSON.parse(data); } catch (e) { return; }
    if (type === 'ready') { // every change from now on will be heard: read what the page shows again
      $('live-state').textContent = 'Live updates on';
      loadReceived();
      if (!$('view-sent').hidden) loadSent();
      if (!$('view-thread').hidden && threadId) loadThread(threadId);
    }
    if (type === 'sent') onSent(event);
    if (type === 'received') onReceived(event);
    // The exchange shown moved on: one of its notes changed, or a note arrived that may answer one.
    const shown = !$('view-thread').hidden && threadId;
    if (shown && (type === 'received' || (type === 'sent' && $('thread').querySelector(sel(event.id))))) {
      soon('thread', () => loadThread(threadId));
    }
  }

  // The stream holds one of the few connections a browser opens to a server (six, over HTTP/1.1):
  // leaving the page closes it at once, rather than whenever the browser gets round to it.
  // A page restored from the browser's back-forward cache listens again.
  let leaving = new AbortController();
  window.addEventListener('pagehide', () => leaving.abort());
  window.addEventListener('pageshow', (e) => {
    if (e.persisted && token && state) { leaving = new AbortController(); listen(); }
  });

  async function listen() {
    const {signal} = leaving;
    while (!signal.aborted) {
      try {
        const response = await fetch('/notices/events', {cache: 'no-store', signal,
          headers: {Authorization: `Bearer ${token}`, Accept: 'text/event-stream'}});
        if (response.status === 401) {
          showSignIn('The service refused this token: it may have expired or been revoked. Sign in again.');
          return;
        }
        if (response.ok && response.body) {
          await readEvents(response.body.getReader(), dispatch);
        }
      } catch (e) {
        // The stream broke: reconnect below.
      }
      $('live-state').textContent = 'Live updates reconnecting…';
      await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS));
    }
  }

  // --- start ------------------------------------------------------------------------------------
  async function loadReference() {
    const [states, regimes] = await Promise.all([api('/states').catch(() => []), api('/regimes').catch(() => [])]);
    names = Object.fromEntries((states || []).map((s) => [s.code, s.name]));
    const select = $('regime');
    for (const r of regimes || []) {
      select.append(h('option', {value: r.id}, `${r.id} — ${r.name}${r.inForce === false ? ' (not in force)' : ''}`));
    }
    if ($('to').value) plan();
  }

  function start() {
    window.addEventListener('hashchange', () => {
      // A sign-in link opened on the page already showing: sign in with it and start again.
      if (signInFromLink()) location.reload(); else if (token && state) route();
    });
    if (!token) {
      showSignIn('This desk takes a ministry\'s token.');
      return;
    }
    if (!state) {
      showSignIn('This token is no ministry\'s: it names no state. Sign in with a ministry\'s token.');
      return;
    }
    $('ministry').textContent = `Ministry of ${state}`;
    document.title = `Ministry of ${state} — Chancery desk`;
    $('nav').hidden = false;

    const form = $('write');
    form.addEventListener('submit', send);
    $('to').addEventListener('input', () => { clearTimeout(planTimer); planTimer = setTimeout(plan, 350); });
    ['kind', 'precedence', 'regime'].forEach((id) => $(id).addEventListener('change', plan));
    $('in-reply-to').addEventListener('change', checkReply);
    $('not-a-reply').addEventListener('click', () => { setReply(null); $('in-reply-to').focus(); });

    if (route(true) !== 'received') loadReceived(); // the unread count, whatever the view
    loadReference();
    listen();
  }

  start();
})();
