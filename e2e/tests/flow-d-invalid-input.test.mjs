// Flow (d): wrong input gets an Indonesian message next to the wrong field and nothing is saved
// half-way: a letter in the phone number, an empty name and "Pesan masuk" in the future on the
// new-case form, an unknown
// placeholder in a template, a letter in the office number in Pengaturan.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, screenshot, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

/** The error message right after a field (the next sibling), or null. */
async function errorAfter(page, selector) {
  return page.evaluate((sel) => {
    const next = document.querySelector(sel)?.nextElementSibling;
    return next && next.classList.contains('field-error') ? next.textContent.trim() : null;
  }, selector);
}

for (const viewport of VIEWPORTS) {
  test(`(d) invalid input is explained at the field and nothing is saved, ${viewport.name}`, async () => {
    const host = await startHost();
    const p = await phone(host, viewport);
    const { page } = p;
    try {
      // New case: empty name, a letter in the phone number.
      await p.tap(p.button('+ Berkas baru'));
      await p.screen('Berkas baru');
      // The service is found by typing, then tapped.
      await p.type(page.locator('#f-layanan-cari'), 'sktm');
      await p.tap(page.locator('button.service-option[data-id="sktm"]'));
      await page.locator('.service-chosen[data-id="sktm"]').waitFor();
      await p.type(page.locator('#f-hp'), '0812 34a5 6789');
      // "Pesan masuk" (folded under "Boleh diisi nanti") starts at now; tomorrow morning is
      // refused under it.
      await p.tap(page.locator('details.later > summary'));
      assert.equal(await page.locator('#f-pesan-masuk').inputValue(), '2026-11-26T09:00');
      await page.locator('#f-pesan-masuk').fill('2026-11-27T08:00');
      await p.tap(p.button('Simpan berkas'));
      await page.locator('#f-nama + p.field-error').waitFor();
      assert.equal(await errorAfter(page, '#f-nama'), 'Nama warga wajib diisi.');
      assert.equal(await errorAfter(page, '#f-hp'), 'Nomor HP berisi huruf "a": tulis angkanya saja, misalnya 0812 3456 7890.');
      assert.equal(await page.locator('#f-nama').getAttribute('aria-invalid'), 'true');
      assert.equal(await errorAfter(page, '#f-pesan-masuk'), 'Pesan masuk tidak boleh di masa depan (sekarang Kam 26 Nov 2026 09.00 WIB).');
      await screenshot(p, 'berkas-baru-salah');
      // Nothing was created; what was typed is still there.
      await p.tap(p.button('Beranda'));
      await page.getByText('0 berkas masih berjalan').waitFor();
      await p.tap(p.button('+ Berkas baru'));
      await p.screen('Berkas baru');
      assert.equal(await page.locator('#f-hp').inputValue(), '0812 34a5 6789');
      assert.equal(await page.locator('#f-pesan-masuk').inputValue(), '2026-11-27T08:00');

      // Template with an unknown placeholder.
      await p.tap(p.button('Lainnya'));
      await p.tap(p.button('Templat balasan'));
      await p.screen('Templat balasan');
      await page.locator('ul.cases li').first().waitFor();
      const before = await page.locator('ul.cases li').count();
      await p.tap(p.button('+ Templat baru'));
      await p.screen('Ubah templat');
      // No code to type: the app makes it from the name.
      assert.equal(await page.locator('#t-kode').count(), 0);
      await p.type(page.locator('#t-nama'), 'Jadwal rekam KTP');
      await p.type(page.locator('#t-teks'), 'Halo {nama}, rekam KTP pada {tanggal}.');
      await p.tap(p.button('Simpan templat'));
      await page.locator('#t-teks + p.field-error').waitFor();
      assert.match(await errorAfter(page, '#t-teks'), /Kolom \{tanggal\} tidak dikenal/);
      await p.tap(page.getByRole('button', { name: 'Kembali' }));
      await p.screen('Templat balasan');
      await page.locator('ul.cases li').first().waitFor();
      assert.equal(await page.locator('ul.cases li').count(), before, 'no template saved');
      assert.equal(await page.getByText('Jadwal rekam KTP').count(), 0);

      // Pengaturan: a letter in the office number; the village edited alongside is not saved.
      await p.tap(p.button('Lainnya'));
      await p.tap(p.button('Pengaturan'));
      await p.screen('Pengaturan');
      await p.type(page.locator('#atur-village'), 'Wonojati Baru');
      await p.type(page.locator('#atur-office_phone'), '0812-3456-78x0');
      await p.tap(p.button('Simpan pengaturan'));
      await page.locator('#atur-office_phone + p.field-error').waitFor();
      assert.equal(await errorAfter(page, '#atur-office_phone'), 'Nomor HP berisi huruf "x": tulis angkanya saja, misalnya 0812 3456 7890.');
      await p.tap(page.getByRole('button', { name: 'Kembali' }));
      await p.screen('Lainnya');
      await p.tap(p.button('Pengaturan'));
      await p.screen('Pengaturan');
      assert.equal(await page.locator('#atur-village').inputValue(), 'Wonojati');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
