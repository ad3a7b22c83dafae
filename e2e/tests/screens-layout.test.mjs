// Every screen at both phone viewports, and at 360x800 with the text at 130% (chosen in
// Pengaturan › Ukuran tulisan, as an official would), on a seeded case book: no horizontal
// scrolling, every tap target at least 44x44 CSS px, no text overflowing its box, nothing
// hidden under the bars at the foot, no serious or critical axe-core violation, and every
// button's text at least 4.5:1 against its background as drawn, pressed and focused.
// Screenshots go to e2e/screenshots/.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, screenshot, layoutProblems, seriousA11y, contrastProblems, VIEWPORTS } from '../lib.mjs';

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

/** The two phone sizes as they come, and the small one with the text at 130%. */
const VARIANTS = [
  ...VIEWPORTS,
  { ...VIEWPORTS[0], name: `${VIEWPORTS[0].name}-teks130`, textSize: 'Lebih besar', rootPx: '20.8px' },
];

for (const viewport of VARIANTS) {
  test(`every screen reads well at ${viewport.name}`, async () => {
    const host = await startHost({ seedCases: 300 });
    const p = await phone(host, viewport);
    const problems = [];
    const rootPx = () => p.page.evaluate(() => getComputedStyle(document.documentElement).fontSize);
    try {
      assert.equal(await rootPx(), '16px');
      if (viewport.textSize) {
        await p.tap(p.button('Lainnya'));
        await p.tap(p.button('Pengaturan'));
        await p.tap(p.button(viewport.textSize));
        await p.page.waitForFunction((px) => getComputedStyle(document.documentElement).fontSize === px, viewport.rootPx);
        assert.equal(await p.button(viewport.textSize).getAttribute('aria-pressed'), 'true');
        await p.tap(p.button('Beranda'));
      }
      for (const [name, title, reach] of SCREENS) {
        await reach(p);
        await p.screen(title);
        await p.page.waitForTimeout(150);
        await screenshot(p, name);
        for (const problem of await layoutProblems(p.page)) problems.push(`${name}: ${problem}`);
        for (const violation of await seriousA11y(p.page)) problems.push(`${name}: axe ${violation}`);
        for (const problem of await contrastProblems(p)) problems.push(`${name}: ${problem}`);
      }
      // The size held on every screen.
      assert.equal(await rootPx(), viewport.rootPx ?? '16px');
      assert.deepEqual(problems, []);
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}

// The contrast check itself: a pressed "+ Berkas baru" planted at the old light colours
// (white on #9fb3ab, 2.2:1) is found, and only in the pressed state.
test('the contrast check finds a pressed button that fades', async () => {
  const host = await startHost({});
  const p = await phone(host, VIEWPORTS[0]);
  try {
    assert.deepEqual(await contrastProblems(p), []);
    // (More specific than the app's own rule, whose stylesheet comes later in the page.)
    await p.page.addStyleTag({ content: 'main button.primary:active { background: #9fb3ab; }' });
    const found = await contrastProblems(p);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.match(found[0], /^contrast 2\.\d\d:1 when active: \+ Berkas baru$/);
  } finally {
    await p.close();
    await host.stop();
  }
});
