// The audit's pages: a list of notices, and one notice's path drawn as a sequence diagram.
// Plain JavaScript and SVG, no libraries: the page reads the audit's own JSON API.
const Chancery = (() => {
  const SVG = 'http://www.w3.org/2000/svg';

  // What each hop did, in words a reader without Kafka knows.
  const VERBS = {
    'chancery.notice.dispatched': 'sends the notice',
    'chancery.notice.relayed': 'relays the notice',
    'chancery.notice.delivered': 'delivers the notice',
    'chancery.notice.failed': 'cannot deliver',
    'chancery.notice.acknowledged': 'acknowledges receipt',
    'chancery.notice.rejected': 'returns the notice',
    'chancery.receipt.relayed': 'relays the receipt',
    'chancery.receipt.delivered': 'delivers the receipt',
    'chancery.receipt.recorded': 'records the receipt',
    'chancery.notice.overdue': 'deadline passed without receipt',
    'chancery.notice.undeliverable': 'gives up: every route failed',
  };
  const ATTEMPT_COLOURS = ['#1f5fbf', '#7b3fb5', '#0f7f7a', '#9a6b00', '#444'];
  const FAILED = new Set(['chancery.notice.failed', 'chancery.notice.undeliverable']);
  const LATE = new Set(['chancery.notice.overdue', 'chancery.notice.rejected']);

  const text = (s) => (s === null || s === undefined ? '' : String(s));
  const esc = (s) => text(s).replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const time = (iso) => (iso ? iso.replace('T', ' ').replace(/(\.\d{3})\d*Z$/, '$1') : '');
  const ms = (v) => (v === null || v === undefined ? '—' : v < 1000 ? `${v.toFixed(1)} ms` : `${(v / 1000).toFixed(2)} s`);

  // Reading the audit takes an auditor's token. A link ending in #token=... (make run and make demo
  // print one) signs this tab in; the token is kept in the tab's session storage, gone when the tab
  // is closed, and never in the address once read.
  const TOKEN_KEY = 'chancery.auditor-token';
  function signInFromLink() {
    const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
    if (!fromLink) return false;
    sessionStorage.setItem(TOKEN_KEY, fromLink);
    history.replaceState(null, '', location.pathname + location.search);
    return true;
  }
  signInFromLink();
  // The link opened on a page already showing: sign in and show it again.
  window.addEventListener('hashchange', () => { if (signInFromLink()) location.reload(); });

  async function json(url) {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const response = await fetch(url, token ? {headers: {Authorization: `Bearer ${token}`}} : {});
    if (response.status === 401 || response.status === 403) {
      throw new Error('Reading the audit takes an auditor\'s token: open the link make run prints '
        + '(…/#token=…), or issue one with java -jar deploy/local/target/chancery-local.jar token --role auditor '
        + 'and open this page with #token=<token> at the end of its address.');
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      throw new Error(problem.detail || `${response.status} ${response.statusText}`);
    }
    return response.json();
  }

  function el(name, attrs = {}, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (parent) parent.appendChild(node);
    return node;
  }

  // --- the list of notices -------------------------------------------------------------------
  async function listPage() {
    const form = document.getElementById('filters');
    form.addEventListener('change', refresh);
    form.addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
    await refresh();
    setInterval(refresh, 5000);

    async function refresh() {
      const params = new URLSearchParams();
      for (const [k, v] of new FormData(form)) if (v) params.set(k, v.toUpperCase());
      try {
        const [page, summary] = await Promise.all([json(`notices?${params}&size=50`), json('summary')]);
        drawChannels(summary);
        drawNotices(page);
      } catch (e) {
        document.querySelector('#notices tbody').innerHTML = `<tr><td colspan="8">${esc(e.message)}</td></tr>`;
      }
    }
  }

  function drawChannels(summary) {
    const box = document.getElementById('channels');
    if (!summary.channels.length) { box.innerHTML = '<span class="muted">No notice seen yet.</span>'; return; }
    box.innerHTML = summary.channels.map((c) => `
      <div class="card channel" data-channel="${esc(c.channel)}"><span class="muted">${esc(c.channel.replace('_', ' ').toLowerCase())}</span>
        <b>${c.notices}</b> notices · ${c.acknowledged} acknowledged · ${c.rejected} returned · ${c.failed} failed
        · ${c.overdue} overdue · ${c.inTransit} under way<br>
        <span class="muted">dispatch to receipt: median ${ms(c.latencyP50)}, p99 ${ms(c.latencyP99)}</span></div>`).join('');
  }

  function drawNotices(page) {
    const rows = page.items.map((n) => `
      <tr data-notice="${esc(n.noticeId)}">
        <td><a href="notice.html?id=${esc(n.noticeId)}">${esc(time(n.firstAt))}</a></td>
        <td>${esc(n.from || '?')} → ${esc(n.to || '?')}${n.reference ? `<div class="muted reference">${esc(n.reference)}</div>` : ''}</td>
        <td>${esc(n.kind)} <span class="muted">${esc(n.precedence)}</span></td>
        <td>${esc(n.subject)}</td>
        <td>${esc(n.channel)}${n.attempts > 1 ? ` <span class="muted">(${n.attempts} attempts)</span>` : ''}</td>
        <td><span class="badge ${esc(n.status)}">${esc(n.status)}</span></td>
        <td>${ms(n.latencyMs)}</td>
        <td>${n.verified ? '✓ intact' : '<b class="bad">✗ not verified</b>'}</td>
      </tr>`).join('');
    document.querySelector('#notices tbody').innerHTML = rows || '<tr><td colspan="8" class="muted">No notice matches.</td></tr>';
    document.getElementById('count').textContent = `${page.total} notice(s)`;
  }

  // --- a circular note's fan-out ---------------------------------------------------------------
  async function circularPage(id) {
    let fanOut;
    try {
      fanOut = await json(`circulars/${encodeURIComponent(id)}`);
    } catch (e) {
      document.getElementById('title').textContent = e.message;
      return;
    }
    const subject = fanOut.items[0].subject;
    document.title = `Chancery audit — circular: ${subject}`;
    document.getElementById('title').textContent = `Circular note from ${fanOut.from}: ${subject}`;
    const verdict = document.getElementById('verdict');
    verdict.className = fanOut.allVerified ? 'verdict ok' : 'verdict bad';
    verdict.textContent = `${fanOut.copies} copies seen: `
      + Object.entries(fanOut.byStatus).map(([status, n]) => `${n} ${status.toLowerCase().replace('_', ' ')}`).join(', ')
      + (fanOut.allVerified ? '. Every copy\'s record is intact.' : '. Not every copy\'s record holds together.');
    drawNotices({items: fanOut.items, total: fanOut.copies});
  }

  // --- one notice's path ---------------------------------------------------------------------
  async function noticePage(id) {
    let path;
    try {
      path = await json(`notices/${encodeURIComponent(id)}/path`);
    } catch (e) {
      document.getElementById('title').textContent = e.message;
      return;
    }
    const n = path.notice || {};
    const name = (party) => path.parties[party] || party;
    document.title = `Chancery audit — ${n.subject || id}`;
    document.getElementById('title').innerHTML =
      `${esc(n.subject || 'Notice')} <span class="badge ${esc(path.status)}">${esc(path.status)}</span>`;

    const verdict = document.getElementById('verdict');
    if (path.verified) {
      verdict.className = 'verdict ok';
      verdict.textContent = `Verified: the record of these ${path.hops.length} hops is intact — nothing missing, doubled, out of order or altered.`
        + (path.complete ? ' The notice was delivered and its receipt came back.' : ' The receipt has not come back yet.');
    } else {
      verdict.className = 'verdict bad';
      verdict.innerHTML = 'Not verified: the record does not hold together.<ul>'
        + path.findings.map((f) => `<li>hop ${f.hop}: <b>${esc(f.problem)}</b> — ${esc(f.detail)}</li>`).join('') + '</ul>';
    }
    if (path.rejected) {
      verdict.innerHTML += `<p>Kept apart, not part of this path: ${path.rejected.length} hop(s) in this notice's name that `
        + 'the service they name did not sign.<ul>'
        + path.rejected.map((r) => `<li><b>${esc(r.authenticity)}</b> ${esc(r.type)} claiming to be from ${esc(r.service)}, `
          + `read from ${esc(r.topic)}</li>`).join('') + '</ul></p>';
    }

    const planned = (path.plan || []).map((r) => r.channel + (r.informal ? ' (informal)' : '')).join(' → ') || '—';
    const taken = (path.taken || []).join(', ') || 'none yet';
    document.getElementById('facts').innerHTML = `${n.reference ? `
      <dt>Reference</dt><dd id="reference">${esc(n.reference)}</dd>` : ''}
      <dt>From</dt><dd>${esc(name(`ministry:${n.from}`))}</dd>
      <dt>To</dt><dd>${esc(name(`ministry:${n.to}`))}</dd>
      <dt>Kind</dt><dd>${esc(n.kind)}, ${esc(n.precedence)}, ${esc(n.classification)}</dd>
      <dt>Route planned</dt><dd>${esc(planned)}</dd>
      <dt>Route taken</dt><dd>${esc(taken)}</dd>${n.regime ? `
      <dt>Regime</dt><dd>${esc(n.regime)}${n.eventAt ? `, event at ${esc(n.eventAt)}` : ''}</dd>` : ''}${path.breaches ? `
      <dt>Breaches</dt><dd class="breach">${path.breaches.map(esc).join('<br>')}</dd>` : ''}${n.circular ? `
      <dt>Circular note</dt><dd><a id="circular" href="circular.html?id=${esc(n.circular)}">one recipient's copy: see every copy</a></dd>` : ''}${n.inReplyTo ? `
      <dt>In reply to</dt><dd><a id="in-reply-to" href="notice.html?id=${esc(n.inReplyTo)}">the note it answers</a></dd>` : ''}${n.references ? `
      <dt>References</dt><dd>${esc(n.references)}</dd>` : ''}
      <dt>Notice id</dt><dd><code>${esc(path.noticeId)}</code></dd>`;

    document.querySelector('#attempts tbody').innerHTML = path.attempts.map((a) => `
      <tr class="attempt ${esc(a.outcome)}"><td>${a.attempt}</td><td>${esc(a.channel)}</td><td>${esc(name(a.via))}</td>
      <td>${esc(time(a.dispatchedAt))}</td><td><span class="badge ${a.outcome === 'FAILED' ? 'FAILED' : a.outcome === 'REJECTED' ? 'REJECTED' : 'ACKNOWLEDGED'}">${esc(a.outcome)}</span></td>
      <td>${esc(a.reason)}</td></tr>`).join('');

    // Colours are set through the DOM, not in markup: the page's Content-Security-Policy allows no
    // inline style.
    const legend = document.getElementById('legend');
    legend.innerHTML = path.attempts.map((a) =>
      `<span><i class="swatch" data-attempt="${a.attempt}"></i>attempt ${a.attempt}: ${esc(a.channel)}</span>`).join('')
      + '<span><i class="swatch failed"></i>failed</span>'
      + '<span class="muted">Times are from the first hop; hover a hop for its UTC time.</span>';
    legend.querySelectorAll('.swatch[data-attempt]').forEach((swatch) => {
      swatch.style.background = ATTEMPT_COLOURS[(Number(swatch.dataset.attempt) - 1) % ATTEMPT_COLOURS.length];
    });
    drawPath(path, name);
  }

  // A sequence diagram: one column per party, in the order they first appear; one row per hop,
  // in time order; an arrow from the party that acted to the party it reached.
  function drawPath(path, name) {
    const findingsByEvent = {};
    for (const f of path.findings) (findingsByEvent[f.eventId] = findingsByEvent[f.eventId] || []).push(f);
    const parties = [];
    for (const h of path.hops) for (const p of [h.from, h.to]) if (!parties.includes(p)) parties.push(p);

    const laneWidth = 210, left = 110, top = 90, row = 62;
    const width = left + parties.length * laneWidth + 40;
    const height = top + path.hops.length * row + 30;
    const svg = el('svg', {width, height, viewBox: `0 0 ${width} ${height}`, role: 'img',
      'aria-label': `Path of notice ${path.noticeId}`});
    const x = (party) => left + parties.indexOf(party) * laneWidth + laneWidth / 2;

    const defs = el('defs', {}, svg);
    ATTEMPT_COLOURS.concat(['#b3261e', '#a05a00']).forEach((colour, i) => {
      const marker = el('marker', {id: `arrow${i}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'}, defs);
      el('path', {d: 'M0,0 L10,5 L0,10 z', fill: colour}, marker);
    });

    // Drawn into the page at once, so that labels can be measured as the browser sets them.
    const box = document.getElementById('diagram');
    box.innerHTML = '';
    box.appendChild(svg);

    parties.forEach((p) => {
      const g = el('g', {class: 'lane', 'data-party': p, 'data-label': name(p)}, svg);
      el('title', {}, g).textContent = name(p);
      el('rect', {class: 'lane-box', x: x(p) - laneWidth / 2 + 8, y: 10, width: laneWidth - 16, height: 60, rx: 6, fill: '#eef2f8', stroke: '#c6cfdd'}, g);
      wrap(g, name(p), x(p), 28, laneWidth - 28);
      el('line', {x1: x(p), y1: 70, x2: x(p), y2: height - 10, stroke: '#c6cfdd', 'stroke-dasharray': '4 4'}, g);
    });

    const start = path.hops.length ? Date.parse(path.hops[0].at) : 0;
    path.hops.forEach((h, i) => {
      const y = top + i * row;
      const failed = FAILED.has(h.type);
      const late = LATE.has(h.type);
      const colourIndex = failed ? ATTEMPT_COLOURS.length : late ? ATTEMPT_COLOURS.length + 1 : (h.attempt - 1) % ATTEMPT_COLOURS.length;
      const colour = failed ? '#b3261e' : late ? '#a05a00' : ATTEMPT_COLOURS[colourIndex];
      const problems = findingsByEvent[h.eventId] || [];
      const g = el('g', {class: `hop${failed ? ' failed' : ''}${problems.length ? ' flagged' : ''}`,
        'data-hop': h.hop, 'data-type': h.type, 'data-attempt': h.attempt}, svg);
      el('title', {}, g).textContent = `${time(h.at)} UTC · ${h.service} · ${h.type}` + (h.reason ? ` · ${h.reason}` : '');

      const offset = ((Date.parse(h.at) - start) / 1000).toFixed(3);
      const stamp = el('text', {x: 10, y: y + 4, 'font-size': 12, fill: '#5d6778'}, g);
      stamp.textContent = `+${offset} s`;

      const x1 = x(h.from), x2 = x(h.to);
      if (x1 === x2) {
        el('circle', {cx: x1, cy: y, r: 7, fill: colour}, g);
      } else {
        el('line', {x1, y1: y, x2: x2 + (x2 > x1 ? -4 : 4), y2: y, stroke: colour, 'stroke-width': 2.5,
          'stroke-dasharray': failed ? '7 5' : '', 'marker-end': `url(#arrow${colourIndex})`}, g);
      }
      const mid = x1 === x2 ? x1 + 14 : (x1 + x2) / 2;
      const label = el('text', {x: mid, y: y - 8, 'font-size': 13, 'text-anchor': x1 === x2 ? 'start' : 'middle', fill: colour, 'font-weight': 600}, g);
      label.textContent = `${failed ? '✗ ' : ''}${VERBS[h.type] || h.type}` + (h.sinceParentMs !== undefined && h.sinceParentMs !== null ? `  (+${ms(h.sinceParentMs)})` : '');
      if (h.reason || problems.length) {
        const why = el('text', {x: mid, y: y + 17, 'font-size': 12, 'text-anchor': x1 === x2 ? 'start' : 'middle', fill: problems.length ? '#b3261e' : '#5d6778'}, g);
        why.textContent = problems.length ? `⚠ ${problems.map((f) => f.problem).join(', ')}` : truncate(h.reason, 70);
        why.setAttribute('class', problems.length ? 'finding' : 'reason');
      }
    });
  }

  function truncate(s, n) {
    s = text(s);
    return s.length > n ? `${s.slice(0, n - 1)}…` : s;
  }

  // A lane's title on up to three lines, each measured as drawn; a line that does not fit (the
  // third, when words remain; a single word too long) ends in an ellipsis, and the lane's title,
  // shown on hover, gives the name whole.
  function wrap(parent, label, cx, y, width) {
    const fits = (node, s) => { node.textContent = s; return node.getComputedTextLength() <= width; };
    const finish = (node, s, cut) => {
      if (!cut && fits(node, s)) return;
      let shorter = s;
      while (shorter && !fits(node, `${shorter}…`)) shorter = shorter.slice(0, -1).trimEnd();
      node.textContent = `${shorter}…`;
    };
    const words = label.split(' ');
    for (let i = 0; i < 3 && words.length; i++) {
      const node = el('text', {x: cx, y: y + i * 16, 'font-size': 13, 'text-anchor': 'middle', 'font-weight': 600, fill: '#1d2430'}, parent);
      let line = words.shift();
      while (words.length && fits(node, `${line} ${words[0]}`)) line = `${line} ${words.shift()}`;
      finish(node, line, i === 2 && words.length > 0);
    }
  }

  return {listPage, noticePage, circularPage};
})();

// Each page names itself (<body data-page>): no inline script, which the Content-Security-Policy forbids.
({
  list: () => Chancery.listPage(),
  notice: () => Chancery.noticePage(new URLSearchParams(location.search).get('id')),
  circular: () => Chancery.circularPage(new URLSearchParams(location.search).get('id')),
})[document.body.dataset.page]();
