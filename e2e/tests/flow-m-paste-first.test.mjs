// Flow (m): "Tempel pesan WA" first. The official copies a resident's message in WhatsApp
// (long press, Salin) and comes back: on Berkas baru the first button pastes it, and name,
// number and service are filled from it; "Simpan berkas" is in reach without scrolling. Three
// taps from Beranda, nothing typed. An empty clipboard is explained under the button; a
// message that names no service leaves the service to a search (type, tap); a field with a
// problem is outlined in red as well as named; the fields that may wait stay folded.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, screenshot, layoutProblems, seriousA11y, contrastProblems, wib, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const START = wib(2026, 11, 30, 9, 0);
const COPIED = '[30/11/26 08.14] Siti Aminah: Assalamualaikum pak, mau tanya buat akta kelahiran anak saya syaratnya apa ya 🙏 WA 0812 3456 7890';

for (const viewport of VIEWPORTS) {
  test(`(m) Tempel pesan WA first: three taps from Beranda to a saved case, ${viewport.name}`, async () => {
    const host = await startHost({ nowMs: START });
    const p = await phone(host, viewport);
    const { page } = p;
    const onScreen = async (locator) => {
      const box = await locator.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
    };
    try {
      // Nothing copied yet: said under the button, nothing filled.
      await p.tap(p.button('+ Berkas baru'));
      await p.screen('Berkas baru');
      assert.ok(await onScreen(p.button('Tempel pesan WA')), 'the paste button is the first thing');
      assert.ok(await onScreen(p.button('Simpan berkas')), 'the save button is in reach');
      await p.tap(p.button('Tempel pesan WA'));
      await page.getByText('Belum ada pesan yang disalin.', { exact: false }).waitFor();
      assert.equal(await page.locator('#f-nama').inputValue(), '');
      // The fields that may wait are folded.
      assert.equal(await page.locator('#f-nik').isVisible(), false);
      await screenshot(p, 'berkas-baru-tempel');
      assert.deepEqual(await layoutProblems(page), []);
      assert.deepEqual(await seriousA11y(page), []);
      assert.deepEqual(await contrastProblems(p), []);
      await p.tap(p.button('Beranda'));
      await p.screen('Beranda');

      // The official copied the message in WhatsApp and comes back: counted from here.
      await host.copyElsewhere(COPIED);
      p.counts.taps = 0;
      p.counts.typed = 0;
      await p.tap(p.button('+ Berkas baru'));
      await p.screen('Berkas baru');
      await p.tap(p.button('Tempel pesan WA'));
      await page.waitForFunction(() => document.querySelector('#f-nama')?.value === 'Siti Aminah');
      assert.equal(await page.locator('#f-hp').inputValue(), '+6281234567890');
      assert.equal(await page.locator('.service-chosen').getAttribute('data-id'), 'akta-kelahiran');
      assert.equal((await page.locator('.service-chosen strong').textContent()).trim(), 'Akta kelahiran');
      assert.match(await page.locator('#f-catatan').inputValue(), /syaratnya apa ya 🙏/);
      // "Pesan masuk" came from the copied line, not from now.
      assert.equal(await page.locator('#f-pesan-masuk').inputValue(), '2026-11-30T08:14');
      await p.tap(p.button('Simpan berkas'));
      await p.screen('Detail berkas');
      await page.getByRole('heading', { name: 'Siti Aminah' }).waitFor();
      const taps = { ...p.counts };
      console.log(`# taps, message copied in WhatsApp to saved case: ${taps.taps} taps and ${taps.typed} typed fields`);
      assert.deepEqual(taps, { taps: 3, typed: 0 });

      // A message naming no service: the service is found by typing and tapped; an empty
      // name is outlined in red and named under the field.
      await host.copyElsewhere('Selamat pagi pak, saya Bu Yati dari RT 3, mau tanya bisa dibantu?');
      await p.tap(p.button('Beranda'));
      await p.tap(p.button('+ Berkas baru'));
      await p.screen('Berkas baru');
      await p.tap(p.button('Tempel pesan WA'));
      await page.waitForFunction(() => document.querySelector('#f-catatan')?.value.startsWith('Selamat pagi pak'));
      assert.equal(await page.locator('.service-chosen').count(), 0);
      await p.type(page.locator('#f-layanan-cari'), 'kartu anak');
      await p.tap(page.locator('button.service-option[data-id="kia"]'));
      await page.locator('.service-chosen[data-id="kia"]').waitFor();
      await p.tap(p.button('Simpan berkas'));
      await page.locator('#f-nama + p.field-error').waitFor();
      assert.equal(await page.locator('#f-nama').getAttribute('aria-invalid'), 'true');
      const border = await page.locator('#f-nama').evaluate((el) => getComputedStyle(el).borderTopColor);
      assert.equal(border, 'rgb(163, 22, 27)', 'outlined in the error red');
      await screenshot(p, 'berkas-baru-merah');
      // "Ganti" puts the search back.
      await p.tap(p.button('Ganti'));
      await page.locator('#f-layanan-cari').waitFor();
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
