// Flow (i): malicious shared text stays text. A WhatsApp message with HTML and script in it is
// shared into the app; the new case, its note and its timeline show the characters as typed,
// nothing is run and no element is made from them. The page carries the app's content
// security policy, and a frame or plugin the page tried to add would be refused by it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
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
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-src 'none'/);

      await host.share(NASTY);
      await page.locator('#f-nama').waitFor();
      await p.screen('Berkas baru');
      await p.type(page.locator('#f-nama'), '<b>Bu Sri</b>');
      await p.tap(p.button('Buat berkas'));
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

      // The policy refuses a frame to a remote page (were any code to try).
      const refused = await page.evaluate(() => new Promise((resolve) => {
        document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), { once: true });
        const frame = document.createElement('iframe');
        frame.src = 'https://contoh.invalid/';
        document.body.appendChild(frame);
        setTimeout(() => resolve('none'), 2000);
      }));
      assert.equal(refused, 'frame-src');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
