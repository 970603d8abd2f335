// Tidegate gate page: hardware scanners type the code + Enter into #code; a phone camera works
// where BarcodeDetector exists. Online, the server decides (POST /api/v1/gate/scans). When the
// server cannot be reached, the page decides alone with the offline bundle (WebCrypto ECDSA
// P-256 with the cached public keys, cached revocation and used lists, window rules), queues the
// scans in localStorage and uploads them with scannedAt when the server answers again.
// Pairing: an operator registers the device and gets its token once, as text and as a QR; the
// set-up panel takes it pasted or read with the camera, asks the server which device it is (its
// lane becomes the gate id) and keeps it in this browser's storage.
(() => {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const PREFIX = 'tidegate.gate.';
  const store = {
    get: (k, d) => { try { const v = localStorage.getItem(PREFIX + k); return v === null ? d : JSON.parse(v); } catch { return d; } },
    set: (k, v) => localStorage.setItem(PREFIX + k, JSON.stringify(v)),
  };
  const TEXT = {
    admitted: '入場 / ADMIT', rejected: '入場不可 / STOP', persons: (n) => `${n}名 / ${n} ${n === 1 ? 'person' : 'persons'}`,
    invalid: '無効なコード / Invalid code', revoked: '取消済み / Revoked (cancelled or moved)',
    wrong_date: '別の日のチケット / Ticket for another day', ticketDate: (d) => `チケットの日付 / Ticket date: ${d}`,
    window: (a, b) => `入場時間 / Entry ${a}–${b}`, notFound: '予約番号が見つかりません / No such booking number',
    needNumber: '予約番号を入力してください / Enter the booking number', seq: (n) => `#${n}`, too_early: '入場時間前 / Too early',
    too_late: '入場時間を過ぎています / Too late', already_used: '使用済み / Already used',
    not_paid: '未払い / Not paid', remaining: (n) => `残り ${n}名 / ${n} still to come`,
    needToken: 'トークンを入力してください / Enter the device token',
    badToken: 'このトークンは無効か取り消されています / This token is not valid or was revoked',
    needGate: 'ゲートIDを入力してください / Enter the gate id',
    notDeviceQr: '端末登録のQRではありません / This is not a device QR',
    offlineManual: 'オフラインでは番号で照合できません / Number check needs the server',
  };
  const DEVICE_PREFIX = 'tgd1.';
  const ONLINE_TIMEOUT_MS = 2500;
  let config = { gateId: store.get('gateId', ''), token: store.get('token', ''), deviceName: store.get('deviceName', '') };
  let bundle = store.get('bundle', null);
  let keys = new Map();
  let online = true;
  let skewMs = store.get('skew', 0); // server clock − device clock, from the last bundle
  let flushing = false;

  const now = () => Date.now() + skewMs;

  // ---------- server ----------
  async function api(method, path, body, timeout = ONLINE_TIMEOUT_MS) {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), timeout);
    try {
      return await fetch(path, {
        method, cache: 'no-store', signal: ctrl.signal,
        headers: { 'Authorization': 'Bearer ' + config.token, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } finally { clearTimeout(timer); }
  }

  async function refreshBundle() {
    try {
      const started = Date.now();
      const r = await api('GET', '/api/v1/gate/offline-bundle');
      if (r.status === 401 || r.status === 403) return showSetup(TEXT.badToken);
      if (!r.ok) throw new Error('bundle ' + r.status);
      const b = await r.json();
      skewMs = Date.parse(b.asOf) - Math.round((started + Date.now()) / 2);
      store.set('skew', skewMs);
      bundle = b;
      store.set('bundle', b);
      mergeUsed(b.used);
      await importKeys();
      setOnline(true);
    } catch { setOnline(false); }
  }

  async function importKeys() {
    const imported = new Map();
    for (const k of (bundle && bundle.keys) || []) {
      imported.set(k.keyId, await crypto.subtle.importKey('spki', b64(k.spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']));
    }
    keys = imported;
  }

  function setOnline(value) {
    online = value;
    const mode = $('mode');
    mode.dataset.state = value ? 'online' : 'offline';
    mode.textContent = value ? 'ONLINE' : 'OFFLINE';
  }

  // ---------- scanning ----------
  async function scan(code, admit) {
    code = code.trim();
    if (!code) return;
    const body = { code, gateId: config.gateId, admit, nonce: crypto.randomUUID(), scannedAt: null };
    if (online) {
      try {
        const r = await api('POST', '/api/v1/gate/scans', body);
        if (r.status === 401 || r.status === 403) return showSetup(TEXT.badToken);
        if (r.status < 500) {
          const d = await r.json();
          if (!r.ok) return show({ result: 'rejected', reason: 'invalid', persons: 0, admitted: 0 }, false);
          const claims = parse(code);
          if (claims && d.result === 'admitted') recordLocal(claims, d.admitted, d.persons);
          show(d, false);
          return;
        }
      } catch { /* unreachable or too slow: decide here */ }
      setOnline(false);
    }
    const d = await decideOffline(code, admit);
    const queue = store.get('queue', []);
    queue.push({ ...body, admit: d.result === 'admitted' ? d.admitted : admit, scannedAt: new Date(now()).toISOString(),
      offlineResult: d.result, offlineReason: d.reason });
    store.set('queue', queue);
    showQueue();
    show(d, true);
  }

  // A QR that will not read: staff type the booking number; the server decides with the same rules.
  async function manual(number) {
    number = number.trim();
    if (!number) return show({ result: 'rejected', reason: 'needNumber', persons: 0, admitted: 0 }, false);
    try {
      const r = await api('POST', '/api/v1/gate/manual-scans', { bookingId: number, gateId: config.gateId, admit: null, nonce: crypto.randomUUID() });
      if (r.status === 401 || r.status === 403) return showSetup(TEXT.badToken);
      if (r.status >= 500) throw new Error('manual ' + r.status);
      const d = await r.json();
      if (!r.ok) return show({ result: 'rejected', reason: 'notFound', persons: 0, admitted: 0 }, false);
      show(d.reason === 'invalid' ? { ...d, reason: 'notFound' } : d, false);
    } catch { setOnline(false); show({ result: 'rejected', reason: 'offlineManual', persons: 0, admitted: 0 }, true); }
  }

  // Exits counted on this device today (the server adds up every device's).
  function exitsToday() { const e = store.get('exits', null); return e && e.day === localDay() ? e.n : 0; }
  function localDay() { return new Date(now() + (bundle ? bundle.utcOffsetMinutes : 540) * 60000).toISOString().slice(0, 10); }

  async function exit() {
    const n = exitsToday() + 1;
    store.set('exits', { day: localDay(), n });
    $('exits').textContent = String(n);
    try {
      const r = await api('POST', '/api/v1/gate/exits', { gateId: config.gateId, count: 1, nonce: crypto.randomUUID() });
      if (r.ok) $('exits').dataset.sent = String((parseInt($('exits').dataset.sent, 10) || 0) + 1);
    } catch { /* a count, not an entry: best effort */ }
  }

  async function decideOffline(code, admit) {
    const refuse = (reason, extra) => ({ result: 'rejected', reason, persons: 0, admitted: 0, slot, ...extra });
    const claims = parse(code);
    let slot = null;
    const key = claims && keys.get(claims.keyId);
    if (!key) return refuse('invalid');
    const genuine = await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, claims.signature, claims.signed).catch(() => false);
    if (!genuine) return refuse('invalid');
    const revoked = (bundle.revoked || []).find((r) => r.bookingId === claims.bookingId);
    if (revoked && (revoked.validSerial === null || revoked.validSerial !== claims.serial)) return refuse('revoked', { persons: claims.persons });
    const offsetMs = bundle.utcOffsetMinutes * 60000;
    const today = new Date(now() + offsetMs).toISOString().slice(0, 10);
    if (claims.date !== today) return refuse('wrong_date', { persons: claims.persons, ticketDate: claims.date });
    const slotStart = Date.parse(claims.date + 'T00:00:00Z') + claims.startMinute * 60000 - offsetMs;
    const w = bundle.window;
    slot = { start: new Date(slotStart).toISOString(), end: new Date(slotStart + w.slotMinutes * 60000).toISOString() };
    const validFrom = slotStart - w.beforeStartMinutes * 60000;
    if (now() < validFrom) return refuse('too_early', { persons: claims.persons, validFrom: new Date(validFrom).toISOString() });
    if (now() >= slotStart + (w.slotMinutes + w.afterEndMinutes) * 60000) return refuse('too_late', { persons: claims.persons });
    const used = store.get('used', {})[claims.bookingId];
    const remaining = claims.persons - (used ? used.admitted : 0);
    if (remaining <= 0) return refuse('already_used', { persons: claims.persons, firstUsedAt: used.firstUsedAt, firstGateId: used.firstGateId });
    const n = Math.min(admit || remaining, remaining);
    recordLocal(claims, n, claims.persons);
    return { result: 'admitted', reason: null, persons: claims.persons, admitted: n, remaining: remaining - n };
  }

  // ---------- the used list: the bundle's, plus what this lane admitted ----------
  function recordLocal(claims, admitted, persons) {
    const used = store.get('used', {});
    const entry = used[claims.bookingId] || { admitted: 0, persons, firstUsedAt: new Date(now()).toISOString(), firstGateId: config.gateId };
    entry.admitted += admitted;
    used[claims.bookingId] = entry;
    store.set('used', used);
  }

  function mergeUsed(list) {
    const used = store.get('used', {});
    for (const u of list || []) {
      const mine = used[u.bookingId];
      if (!mine || mine.admitted < u.admitted) used[u.bookingId] = { admitted: u.admitted, persons: u.persons, firstUsedAt: u.firstUsedAt, firstGateId: u.firstGateId };
    }
    store.set('used', used);
  }

  // ---------- uploading queued scans ----------
  async function flush() {
    if (flushing || !config.token || !$('setup').hidden) return;
    flushing = true;
    try {
      let queue = store.get('queue', []);
      if (queue.length === 0) { if (!online) await refreshBundle(); return; }
      while (queue.length > 0) {
        let r;
        try { r = await api('POST', '/api/v1/gate/scans', queue[0]); } catch { setOnline(false); return; }
        if (r.status >= 500) { setOnline(false); return; }
        if (r.status === 401 || r.status === 403) return showSetup(TEXT.badToken);
        queue = store.get('queue', []).slice(1); // answered (a 400 would never succeed: dropped)
        store.set('queue', queue);
        showQueue();
      }
      await refreshBundle();
    } finally { flushing = false; }
  }

  // ---------- ticket code layout (see Domain/Tickets/TicketCode.cs) ----------
  function parse(code) {
    const bytes = b64url(code);
    if (!bytes || bytes.length < 2 || bytes[0] !== 1) return null;
    const kl = bytes[1];
    if (kl < 1 || kl > 8 || bytes.length !== 2 + kl + 23 + 64) return null;
    const keyId = String.fromCharCode(...bytes.slice(2, 2 + kl));
    const c = bytes.slice(2 + kl, 2 + kl + 23);
    const hex = [...c.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const view = new DataView(c.buffer, c.byteOffset, c.byteLength);
    const date = new Date(Date.UTC(2000, 0, 1) + view.getUint16(16) * 86400000).toISOString().slice(0, 10);
    return {
      keyId, date, startMinute: view.getUint16(18), persons: c[20], serial: view.getUint16(21),
      bookingId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      signed: bytes.slice(0, bytes.length - 64), signature: bytes.slice(bytes.length - 64),
    };
  }

  function b64url(text) {
    if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
    try { return b64(text.replace(/-/g, '+').replace(/_/g, '/')); } catch { return null; }
  }

  function b64(text) {
    const padded = text + '='.repeat((4 - text.length % 4) % 4);
    return Uint8Array.from(atob(padded), (ch) => ch.charCodeAt(0));
  }

  // ---------- screen ----------
  function show(d, offline) {
    const el = $('result');
    el.dataset.result = d.result;
    el.dataset.reason = d.reason || '';
    el.dataset.offline = String(offline);
    el.dataset.admitted = String(d.admitted || 0);
    $('verdict').textContent = TEXT[d.result];
    $('party').textContent = d.result === 'admitted' ? TEXT.persons(d.admitted) : (d.persons ? TEXT.persons(d.persons) : '');
    let reason = d.reason ? TEXT[d.reason] || d.reason : (d.remaining ? TEXT.remaining(d.remaining) : '');
    if (d.reason === 'already_used' && d.firstUsedAt) reason += ` — ${time(d.firstUsedAt)} ${d.firstGateId || ''}`;
    if (d.reason === 'too_early' && d.validFrom) reason += ` — ${time(d.validFrom)}〜`;
    if (d.reason === 'wrong_date') { const day = d.ticketDate || (d.slot && date(d.slot.start)); if (day) reason += ` — ${TEXT.ticketDate(day)}`; }
    if (d.reason === 'too_late' && d.slot && bundle) reason += ` — ${TEXT.window(time(shift(d.slot.start, -bundle.window.beforeStartMinutes)), time(shift(d.slot.end, bundle.window.afterEndMinutes)))}`;
    $('reason').textContent = reason;
    // Two admits in a row must not look the same: a running number, alternating shade and a flash.
    seq += 1;
    el.dataset.seq = String(seq);
    el.dataset.parity = seq % 2 ? 'odd' : 'even';
    $('seq').textContent = TEXT.seq(seq);
    if (d.result === 'admitted') { admits += d.admitted || 0; $('admits').textContent = String(admits); }
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
    signal(d.result === 'admitted' ? (d.remaining ? 'partial' : 'admitted') : (d.reason === 'already_used' ? 'used' : 'rejected'));
  }

  // ---------- sound and vibration per result (WebAudio tones, no files) ----------
  const PATTERNS = {
    admitted: { tones: [[1320, 0.12]], vibrate: [60] },
    partial: { tones: [[1320, 0.1], [1760, 0.1]], vibrate: [60, 60, 60] },
    used: { tones: [[440, 0.25], [330, 0.25]], vibrate: [250, 100, 250] },
    rejected: { tones: [[220, 0.15], [220, 0.15], [220, 0.15]], vibrate: [300, 100, 300, 100, 300] },
  };
  let audio = null;
  let seq = 0;
  let admits = 0;
  function signal(kind) {
    const p = PATTERNS[kind];
    document.body.dataset.signal = kind;
    try { if (navigator.vibrate) navigator.vibrate(p.vibrate); } catch { /* not on this device */ }
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      let t = audio.currentTime;
      for (const [hz, seconds] of p.tones) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = 'square';
        osc.frequency.value = hz;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(audio.destination);
        osc.start(t);
        osc.stop(t + seconds);
        t += seconds + 0.06;
      }
    } catch { /* no audio: the screen still says it */ }
  }

  function shift(iso, minutes) { return new Date(Date.parse(iso) + minutes * 60000).toISOString(); }

  function date(iso) {
    const offset = (bundle ? bundle.utcOffsetMinutes : 0) * 60000;
    return new Date(Date.parse(iso) + offset).toISOString().slice(0, 10);
  }

  function time(iso) {
    const offset = (bundle ? bundle.utcOffsetMinutes : 0) * 60000;
    return new Date(Date.parse(iso) + offset).toISOString().slice(11, 16);
  }

  function showQueue() { $('queue').textContent = String(store.get('queue', []).length); }

  function showSetup(error) {
    if (!$('setup').hidden) return setupError(error || ''); // already open: keep what staff are typing
    $('setup').hidden = false;
    $('scanner').hidden = true;
    $('setup-gate').value = config.gateId;
    $('setup-token').value = '';
    setupError(error || '');
    $('setup-token').focus();
  }

  function setupError(text) {
    $('setup-error').textContent = text;
    $('setup-error').hidden = !text;
  }

  // ---------- pairing with a registered device ----------
  async function pair(token, gateId) {
    token = token.trim();
    gateId = gateId.trim();
    if (!token) return setupError(TEXT.needToken);
    let device = null;
    if (token.startsWith(DEVICE_PREFIX)) {
      try {
        const r = await fetch('/api/v1/gate/device', { cache: 'no-store', headers: { 'Authorization': 'Bearer ' + token } });
        if (r.status === 401 || r.status === 403) return setupError(TEXT.badToken);
        if (r.ok) device = await r.json();
      } catch { /* offline: the token is checked when the server answers */ }
    }
    gateId = gateId || (device && (device.lane || device.name)) || '';
    if (!gateId) return setupError(TEXT.needGate);
    config = { gateId, token, deviceName: device ? device.name : '' };
    store.set('gateId', config.gateId);
    store.set('token', config.token);
    store.set('deviceName', config.deviceName);
    await start();
  }

  async function start() {
    $('setup').hidden = true;
    $('scanner').hidden = false;
    $('gate-label').textContent = config.gateId;
    $('device-name').textContent = config.deviceName && config.deviceName !== config.gateId ? config.deviceName : '';
    setupError('');
    showQueue();
    if (bundle) await importKeys().catch(() => { keys = new Map(); });
    await refreshBundle();
    $('code').focus();
  }

  // ---------- camera (BarcodeDetector, where the browser has it): tickets, or the device QR in set-up ----------
  let cameraOn = false;
  async function camera() {
    if (cameraOn) return;
    cameraOn = true;
    const video = $('video');
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
    video.hidden = false;
    await video.play();
    let last = '';
    let lastAt = 0;
    setInterval(async () => {
      const found = await detector.detect(video).catch(() => []);
      if (found.length === 0) return;
      const code = found[0].rawValue;
      if (code === last && Date.now() - lastAt < 4000) return; // the same ticket held in front of the camera
      last = code; lastAt = Date.now();
      if ($('setup').hidden) return scan(code, null);
      if (!code.startsWith(DEVICE_PREFIX)) return setupError(TEXT.notDeviceQr);
      await pair(code, $('setup-gate').value);
    }, 250);
  }

  document.addEventListener('DOMContentLoaded', () => {
    $('scan-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const code = $('code').value;
      const admit = parseInt($('admit').value, 10) || null;
      $('code').value = '';
      $('admit').value = '';
      await scan(code, admit);
      $('code').focus();
    });
    $('setup-form').addEventListener('submit', (e) => { // the button, or Enter in either field
      e.preventDefault();
      pair($('setup-token').value, $('setup-gate').value);
    });
    $('change').addEventListener('click', () => showSetup());
    $('manual-form').addEventListener('submit', async (e) => {
      e.preventDefault();
      const number = $('manual-number').value;
      $('manual-number').value = '';
      await manual(number);
    });
    $('exit').addEventListener('click', () => exit());
    $('exits').textContent = String(exitsToday());
    if ('BarcodeDetector' in window) {
      const off = () => { cameraOn = false; $('camera').hidden = true; $('setup-camera').hidden = true; };
      for (const id of ['camera', 'setup-camera']) {
        $(id).hidden = false;
        $(id).addEventListener('click', () => camera().catch(off));
      }
    }
    // Hardware scanners type into whatever has focus: keep it on the code field.
    document.addEventListener('click', (e) => { if (!$('scanner').hidden && e.target.tagName !== 'INPUT') $('code').focus(); });
    window.addEventListener('online', flush);
    setInterval(flush, 3000);
    setInterval(() => { if (online && $('setup').hidden) refreshBundle(); }, 60000);
    if (config.token && config.gateId) start(); else showSetup();
  });
})();
