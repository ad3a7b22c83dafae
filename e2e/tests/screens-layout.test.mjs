// Every screen at both phone viewports, on a seeded case book: no horizontal scrolling, every
// tap target at least 44x44 CSS px, no text overflowing its box, nothing hidden under the tab
// bar, and no serious or critical axe-core violation. Screenshots go to e2e/screenshots/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, screenshot, layoutProblems, seriousA11y, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

/** How to reach each screen from the one before, and its title. */
const SCREENS = [
  ['beranda', 'Beranda', async () => {}],
  ['berkas', 'Berkas', async (p) => p.tap(p.button('Berkas'))],
  ['detail-berkas', 'Detail berkas', async (p) => p.tap(p.page.locator('ul.cases button.case').first())],
  ['layanan', 'Layanan Desa', async (p) => p.tap(p.button('Layanan'))],
  ['persyaratan', 'Persyaratan', async (p) => p.tap(p.page.locator('button.service[data-id="kk-baru"]'))],
  ['kirim', 'Kirim via WhatsApp', async (p) => p.tap(p.button('Lihat atau ubah pesan dulu'))],
  ['laporan', 'Laporan', async (p) => p.tap(p.button('Laporan'))],
  ['berkas-baru', 'Berkas baru', async (p) => { await p.tap(p.button('Beranda')); await p.tap(p.button('+ Berkas baru')); }],
  ['templat', 'Templat balasan', async (p) => { await p.tap(p.button('Lainnya')); await p.tap(p.button('Templat balasan')); }],
  ['ubah-templat', 'Ubah templat', async (p) => p.tap(p.page.locator('ul.cases button.case').first())],
  ['pengaturan', 'Pengaturan', async (p) => { await p.tap(p.button('Lainnya')); await p.tap(p.button('Pengaturan')); }],
  ['panduan-wa', 'Panduan WA Bisnis', async (p) => { await p.tap(p.button('Lainnya')); await p.tap(p.button('Panduan WA Bisnis')); }],
];

for (const viewport of VIEWPORTS) {
  test(`every screen reads well at ${viewport.name}`, async () => {
    const host = await startHost({ seedCases: 300 });
    const p = await phone(host, viewport);
    const problems = [];
    try {
      for (const [name, title, reach] of SCREENS) {
        await reach(p);
        await p.screen(title);
        await p.page.waitForTimeout(150);
        await screenshot(p, name);
        for (const problem of await layoutProblems(p.page)) problems.push(`${name}: ${problem}`);
        for (const violation of await seriousA11y(p.page)) problems.push(`${name}: axe ${violation}`);
      }
      assert.deepEqual(problems, []);
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
