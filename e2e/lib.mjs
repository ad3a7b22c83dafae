// Shared helpers of the browser tests: start the e2e host (the app's real Root over Dioxus
// LiveView, a fresh SQLite folder, the recording platform), launch Debian's Chromium with
// playwright-core at a phone viewport, count the official's taps, check layout and
// accessibility, and write screenshots for review.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const repo = join(here, '..');
/** Where cargo put the binaries (`CARGO_TARGET_DIR` when set, as in CI's shared caches). */
export const targetDir = resolve(repo, process.env.CARGO_TARGET_DIR ?? 'target');
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const VIEWPORTS = [
  { name: '360x800', width: 360, height: 800 },
  { name: '412x915', width: 412, height: 915 },
];

/** Milliseconds of a WIB wall-clock time. */
export function wib(y, mo, d, h, mi) {
  return Date.UTC(y, mo - 1, d, h - 7, mi);
}

/** Starts the host; resolves once it listens. */
export async function startHost({ nowMs, seedCases, lock, firstStart, fingerprint, dataDir = mkdtempSync(join(tmpdir(), 'layanan-desa-e2e-')) } = {}) {
  const bin = process.env.E2E_HOST ?? join(targetDir, 'debug', 'e2e-host');
  const args = ['--data-dir', dataDir, '--port', '0'];
  if (nowMs !== undefined) args.push('--now-ms', String(nowMs));
  if (seedCases) args.push('--seed-cases', String(seedCases));
  // The PIN lock: 'skip' unless a flow asks for 'setup' or a PIN (the app then opens locked).
  if (lock) args.push('--lock', lock);
  // "Siapkan HP ini" on a new book only when a flow asks ('guide'); the others start set up.
  if (firstStart) args.push('--first-start', firstStart);
  // A pretend phone with a fingerprint set up; `host.fingerprint(passed)` answers its prompt.
  if (fingerprint) args.push('--fingerprint', 'yes');
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${stderr}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/LISTENING (http:\/\/\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`host exited ${code}: ${stderr}`)); });
  });
  const api = async (path, init) => {
    const res = await fetch(url + path, init);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res;
  };
  return {
    url,
    dataDir,
    /** What the host wrote to stderr so far (panics, LiveView errors). */
    logs: () => stderr,
    recorded: async () => (await api('/test-api/recorded')).json(),
    share: async (text) => api('/test-api/share', { method: 'POST', body: text }),
    /** The official copies `text` in another app (a resident's message in WhatsApp). */
    copyElsewhere: async (text) => api('/test-api/clipboard', { method: 'POST', body: text }),
    fingerprint: async (passed) => api(`/test-api/fingerprint?passed=${passed}`, { method: 'POST' }),
    setClock: async (ms) => api(`/test-api/clock?ms=${ms}`, { method: 'POST' }),
    /** Pretends the official switched to another app (true) or back (false). */
    background: async (on) => api(`/test-api/background?on=${on}`, { method: 'POST' }),
    summary: async () => (await api('/test-api/summary')).text(),
    /** The pretend file picker offers the last shared file; `flip`/`cut` damage it. */
    offerShared: async ({ flip, cut } = {}) => {
      const q = new URLSearchParams();
      if (flip !== undefined) q.set('flip', String(flip));
      if (cut !== undefined) q.set('cut', String(cut));
      const text = await (await api(`/test-api/offer-shared?${q}`, { method: 'POST' })).text();
      if (text !== 'ok') throw new Error(text);
    },
    /** The last file this phone shared (a sync file "Kirim ke HP lain" made): `{ name, bytes }`. */
    sharedFile: async () => {
      const res = await api('/test-api/shared-file');
      return { name: res.headers.get('x-file-name'), bytes: Buffer.from(await res.arrayBuffer()) };
    },
    /** The pretend file picker of this phone offers a file another phone sent. */
    offerFile: async ({ name, bytes }) =>
      api(`/test-api/offer-file?name=${encodeURIComponent(name)}`, { method: 'POST', body: bytes }),
    /** A file opened with the app from WhatsApp ("Buka dengan"), no picker asked for. */
    openWith: async ({ name, bytes }) =>
      api(`/test-api/open-with?name=${encodeURIComponent(name)}`, { method: 'POST', body: bytes }),
    /** Ends the host; with `keepData` its folder stays for the next start (`startHost({ dataDir })`). */
    stop: async ({ keepData = false } = {}) => {
      child.kill('SIGTERM');
      // Ended already (by a signal: signalCode) when stopped twice, as a failing flow may.
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('exit', r)));
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The office's WebDAV folder: `rclone serve webdav` on 127.0.0.1 (installed by `./dev test`)
 * with user `desa`, password `rahasia`, serving a new temporary folder.
 */
export async function startDav() {
  const dir = mkdtempSync(join(tmpdir(), 'layanan-desa-dav-'));
  const child = spawn('rclone', ['serve', 'webdav', dir, '--addr', '127.0.0.1:0', '--user', 'desa', '--pass', 'rahasia'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, RCLONE_CONFIG: '/dev/null' },
  });
  let log = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rclone did not start: ${log}`)), 30000);
    child.stderr.on('data', (d) => {
      log += d;
      const m = log.match(/started on http:\/\/127\.0\.0\.1:(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`rclone exited ${code}: ${log}`)); });
  });
  return {
    dir,
    url: `http://127.0.0.1:${port}/kantor`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let browserPromise;
/** One Chromium per test file, with the flags this machine needs. */
export function browser() {
  browserPromise ??= chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // playwright-core starts every browser with a new, empty temporary --user-data-dir.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  return browserPromise;
}

export async function closeBrowser() {
  if (browserPromise) await (await browserPromise).close();
  browserPromise = undefined;
}

/**
 * A phone-sized page on the host, with a tap counter: `tap` and `type` are the only ways the
 * flows act, so `counts` is what an official does.
 */
export async function phone(host, viewport = VIEWPORTS[0]) {
  const context = await (await browser()).newContext({
    viewport: { width: viewport.width, height: viewport.height },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Anything of the app's own page the content security policy refused (a script, a style, the
  // socket) is a broken screen on the phone: every flow ends by asserting `errors` is empty.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  await page.goto(host.url);
  // The LiveView socket has connected once the header is rendered.
  await page.locator('header.bar h1').waitFor();
  const counts = { taps: 0, typed: 0 };
  return {
    page,
    context,
    viewport,
    counts,
    errors,
    /** Taps what `locator` finds (a button, a list row ...). */
    async tap(locator) {
      counts.taps += 1;
      await locator.tap();
    },
    /** Types into a field, like the official on the phone keyboard. */
    async type(locator, text) {
      counts.typed += 1;
      await locator.fill('');
      await locator.pressSequentially(text, { delay: 5 });
    },
    button(name) {
      return page.getByRole('button', { name, exact: true });
    },
    /** "Buat PIN": the PIN typed twice and saved (2 typed fields and 1 tap, counted). */
    async createPin(pin) {
      await this.type(page.locator('#pin-baru'), pin);
      await this.type(page.locator('#pin-ulang'), pin);
      await this.tap(this.button('Simpan PIN'));
    },
    async title() {
      return (await page.locator('header.bar h1').textContent()).trim();
    },
    /** Waits until the screen with this title is shown (LiveView renders after a round trip). */
    async screen(title) {
      await page.waitForFunction((t) => document.querySelector('header.bar h1')?.textContent.trim() === t, title, { timeout: 5000 });
    },
    async close() {
      await context.close();
    },
  };
}

/** Waits until the predicate holds on the recorded calls, or fails with what was recorded. */
export async function until(host, predicate, what) {
  let last;
  for (let i = 0; i < 50; i += 1) {
    last = await host.recorded();
    if (predicate(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: recorded ${JSON.stringify(last)}`);
}

/**
 * Layout rules of a phone screen: no horizontal scrolling; every visible button, link and
 * input at least 44x44 CSS px; no text wider than its box; nothing hidden under the fixed tab
 * bar at the end of the page. Returns the list of problems (empty when all hold).
 */
export async function layoutProblems(page) {
  return page.evaluate(async () => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) {
      problems.push(`horizontal scroll: ${doc.scrollWidth} > ${doc.clientWidth}`);
    }
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const label = (el) => (el.getAttribute('aria-label') || el.textContent || el.id || el.tagName).trim().slice(0, 40);
    for (const el of document.querySelectorAll('button, a[href], input:not([type=checkbox]):not([type=radio]), select, summary')) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 44 || r.height < 44) problems.push(`small target ${Math.round(r.width)}x${Math.round(r.height)}: ${label(el)}`);
    }
    for (const el of document.querySelectorAll('input[type=checkbox]')) {
      // A checkbox counts with its label, which is the tap target.
      const box = el.closest('label') ?? el;
      const r = box.getBoundingClientRect();
      if (visible(el) && (r.width < 44 || r.height < 44)) problems.push(`small checkbox label: ${label(box)}`);
    }
    for (const el of document.querySelectorAll('main *, nav.tabs, nav.tabs *')) {
      if (!visible(el) || el.closest('.table-wrap') || el.tagName === 'svg' || el.closest('svg')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0) {
        problems.push(`text overflows: <${el.tagName.toLowerCase()} class="${el.className}"> ${label(el)}`);
      }
    }
    // Scroll to the end: the last element of the content must end above the fixed tab bar.
    // A screen still filling in (a queue drawn after an alert) grows under the scroll: scroll
    // again until the page height holds still for a moment.
    for (let tries = 0, height = -1; tries < 20 && height !== doc.scrollHeight; tries++) {
      height = doc.scrollHeight;
      window.scrollTo(0, height);
      await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    // Bars fixed at the foot (the tabs, the case's step bar): the content must end above the
    // highest of them, and the bars must not cover each other.
    const bars = [...document.querySelectorAll('nav.tabs, .stepbar')].filter(visible);
    const main = document.querySelector('main');
    const inFlow = main ? [...main.querySelectorAll(':scope > *, :scope > * > *')]
      .filter((el) => visible(el) && !el.closest('.stepbar, .toast, .stepbar-space') && getComputedStyle(el).position !== 'fixed') : [];
    if (bars.length && inFlow.length) {
      const top = Math.min(...bars.map((b) => b.getBoundingClientRect().top));
      const bottom = Math.max(...inFlow.map((el) => el.getBoundingClientRect().bottom));
      if (bottom > top + 1) problems.push(`content hidden under a bar at the foot: ${Math.round(bottom)} > ${Math.round(top)}`);
    }
    const rects = bars.map((b) => b.getBoundingClientRect()).sort((a, b) => a.top - b.top);
    for (let i = 1; i < rects.length; i += 1) {
      if (rects[i - 1].bottom > rects[i].top + 1) problems.push('a bar at the foot covers another');
    }
    window.scrollTo(0, 0);
    return problems;
  });
}

/**
 * The contrast of every visible button's text (and a folded section's summary) against what is
 * drawn behind it, in each state an official meets: as drawn (disabled and chosen included),
 * pressed (:active) and focused (:focus-visible). Chromium is told through the DevTools
 * protocol to force each state, so the real stylesheet decides. One sample of each kind of
 * button (tag, class, disabled, aria-pressed) is checked. Returns the ones under 4.5:1.
 */
export async function contrastProblems(p) {
  const count = await p.page.evaluate(() => {
    const seen = new Set();
    let n = 0;
    for (const el of document.querySelectorAll('[data-cx]')) el.removeAttribute('data-cx');
    for (const el of document.querySelectorAll('button, summary')) {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || s.visibility === 'hidden' || s.display === 'none') continue;
      const kind = [el.tagName, el.className, el.disabled, el.getAttribute('aria-pressed'), el.getAttribute('aria-current')].join('|');
      if (seen.has(kind)) continue;
      seen.add(kind);
      el.setAttribute('data-cx', String(n));
      n += 1;
    }
    window.__contrastOf = (el) => {
      const parse = (c) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return [255, 255, 255, 1];
        const v = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
      };
      const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3])).concat(1);
      const behind = (node) => {
        const chain = [];
        for (let e = node; e; e = e.parentElement) chain.push(parse(getComputedStyle(e).backgroundColor));
        return chain.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
      };
      const lum = ([r, g, b]) => {
        const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const texts = [el, ...el.querySelectorAll('*')].filter((e) => !e.closest('svg')
        && [...e.childNodes].some((t) => t.nodeType === 3 && t.textContent.trim()));
      let worst = Infinity;
      for (const e of texts) {
        const bg = behind(e);
        const fg = over(parse(getComputedStyle(e).color), bg);
        const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
        worst = Math.min(worst, (a + 0.05) / (b + 0.05));
      }
      return worst;
    };
    return n;
  });
  if (count === 0) return [];
  const cdp = await p.context.newCDPSession(p.page);
  const problems = [];
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: '[data-cx]' });
    for (const nodeId of nodeIds) {
      for (const state of ['', 'active', 'focus-visible']) {
        if (state) await cdp.send('CSS.forcePseudoState', { nodeId, forcedPseudoClasses: [state, ...(state === 'focus-visible' ? ['focus'] : [])] });
        const result = await cdp.send('DOM.getAttributes', { nodeId });
        const i = result.attributes[result.attributes.indexOf('data-cx') + 1];
        const [name, worst] = await p.page.evaluate((idx) => {
          const el = document.querySelector(`[data-cx="${idx}"]`);
          const name = (el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40);
          return [name, window.__contrastOf(el)];
        }, i);
        if (worst < 4.5) problems.push(`contrast ${worst.toFixed(2)}:1${state ? ` when ${state}` : ''}: ${name}`);
        if (state) await cdp.send('CSS.forcePseudoState', { nodeId, forcedPseudoClasses: [] });
      }
    }
  } finally {
    await cdp.detach();
  }
  return problems;
}

/** axe-core violations of impact serious or critical. */
export async function seriousA11y(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

/** Writes a screenshot of the phone screen into e2e/screenshots/ (git-ignored). */
export async function screenshot(phoneHandle, name) {
  const dir = join(repo, 'e2e', 'screenshots');
  mkdirSync(dir, { recursive: true });
  // What the phone shows (a full-page capture would paint the fixed tab bar mid-page).
  await phoneHandle.page.screenshot({ path: join(dir, `${name}-${phoneHandle.viewport.name}.png`) });
}
