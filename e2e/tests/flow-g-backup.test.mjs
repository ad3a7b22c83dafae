// Flow (g), issue 7: Pengaturan > Cadangan data. A backup is made with the office's passphrase
// and goes to the share sheet; picking it again, a damaged copy and a wrong passphrase are
// refused in words (the second under its field), the right one shows what the file holds and
// restores only after "Ya, pulihkan". The screen passes the layout and axe checks with the
// preview open.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, until, screenshot, layoutProblems, seriousA11y, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const OWN_SERVICE = `[[service]]
id = "sk-ternak"
name = "Surat keterangan kepemilikan ternak"
aliases = ["surat ternak"]
keywords = ["sapi", "kambing"]
category = "surat-desa"
processed_at = "desa"
submit_at = "desa"
pickup_at = "desa"
outcome = "surat-desa"
duration_days = { min = 0, max = 1 }
fee = 0
steps = ["Bawa berkas ke kantor desa."]
source = ["Kantor Desa Wonojati"]

[[service.requirement]]
label = "KTP-el"
form = "fotokopi"
`;

for (const viewport of VIEWPORTS) {
  test(`(g) backup and restore through the screens, ${viewport.name}`, async () => {
    const host = await startHost({ seedCases: 12 });
    const p = await phone(host, viewport);
    const { page } = p;
    try {
      await p.tap(p.button('Lainnya'));
      await p.tap(p.button('Pengaturan'));
      await p.tap(p.button('Cadangan, pemulihan & pembaruan katalog'));
      await p.screen('Cadangan & pembaruan');

      // Too short: the message sits under the field, nothing is shared.
      await p.type(page.locator('#sandi-baru'), 'pendek');
      await p.type(page.locator('#sandi-ulang'), 'pendek');
      await p.tap(p.button('Buat cadangan'));
      await page.locator('#sandi-baru ~ .field-error').getByText('minimal 12').waitFor();
      assert.equal(await page.locator('#sandi-baru').getAttribute('aria-invalid'), 'true');
      assert.deepEqual((await host.recorded()).sharedFiles, []);

      // "Buat kata sandi acak": four words from the list, written into both fields and shown
      // large with their QR code for the office safe.
      await p.tap(page.locator('#sandi-acak'));
      const made = (await page.locator('section.backup .passphrase-words').textContent()).trim();
      assert.match(made, /^[a-z]{4,9}( [a-z]{4,9}){3}$/);
      assert.equal(await page.locator('#sandi-baru').inputValue(), made);
      assert.equal(await page.locator('#sandi-ulang').inputValue(), made);
      assert.equal(await page.locator('#sandi-baru ~ .field-error').count(), 0, 'the old error is gone');
      await page.getByRole('img', { name: 'Kode QR kata sandi cadangan' }).waitFor();
      await page.locator('section.backup .made-passphrase').scrollIntoViewIfNeeded();
      await screenshot(p, 'kata-sandi-acak');
      assert.deepEqual(await layoutProblems(page), []);
      assert.deepEqual(await seriousA11y(page), []);
      await p.tap(p.button('Buat cadangan'));
      await page.getByText('Cadangan 12 berkas dibuat').waitFor();
      const shared = (await until(host, (r) => r.sharedFiles.length === 1, 'backup shared')).sharedFiles[0];
      assert.match(shared.name, /^cadangan-wonojati-\d{4}-\d\d-\d\d-\d{4}\.cadangan$/);
      assert.equal(shared.mime, 'application/octet-stream');

      // A damaged copy (one flipped bit in the middle) is refused with its own message.
      await host.offerShared({ flip: Math.floor(shared.size / 2) });
      await p.tap(p.button('Pilih berkas cadangan'));
      await page.getByText(`Berkas: ${shared.name}`).waitFor();
      await p.type(page.locator('#sandi-pulih'), made);
      await p.tap(p.button('Periksa cadangan'));
      await page.getByText('rusak atau sudah diubah').waitFor();
      assert.equal(await page.getByRole('region', { name: 'Isi cadangan' }).count(), 0);

      // The intact file with a wrong passphrase: said under the passphrase field.
      await host.offerShared();
      await p.tap(p.button('Pilih berkas cadangan'));
      // The old choice (with its typed passphrase) is gone; the new file brings an empty field.
      await page.waitForFunction(() => document.querySelector('#sandi-pulih')?.value === '');
      await page.getByText(`Berkas: ${shared.name}`).waitFor();
      assert.equal(await page.getByText('rusak atau sudah diubah').count(), 0);
      await p.type(page.locator('#sandi-pulih'), 'Sandi Kantor 2025');
      await p.tap(p.button('Periksa cadangan'));
      await page.locator('#sandi-pulih ~ .field-error').getByText('Kata sandi cadangan salah').waitFor();

      // The right one: what it holds, then the restore on "Ya".
      await p.type(page.locator('#sandi-pulih'), made);
      await p.tap(p.button('Periksa cadangan'));
      const preview = page.getByRole('region', { name: 'Isi cadangan' });
      await preview.waitFor();
      const text = await preview.textContent();
      assert.match(text, /Desa: Wonojati/);
      assert.match(text, /Jumlah berkas: 12/);
      assert.match(text, /\(12 berkas\) akan diganti/);
      await p.page.waitForTimeout(150);
      await screenshot(p, 'cadangan');
      assert.deepEqual(await layoutProblems(page), []);
      assert.deepEqual(await seriousA11y(page), []);
      await p.tap(p.button('Ya, pulihkan'));
      await page.getByText(/Cadangan dipulihkan: 12 berkas\. Buku sebelumnya disimpan sebagai layanan-desa\.db\.sebelum-pulih-/).waitFor();
      // The way back is offered at once (tests/backup.rs puts the old book back row for row).
      await p.button('Batalkan pemulihan').waitFor();
      assert.deepEqual((await host.recorded()).picks.length, 2);

      // Salinan otomatis: a wrong address and a short passphrase are said under their fields.
      await p.type(page.locator('#dav-url'), 'ftp://awan.desa.id/cadangan');
      await p.type(page.locator('#dav-sandi-cadangan'), 'pendek');
      await p.tap(p.button('Simpan salinan otomatis'));
      await page.locator('#dav-url ~ .field-error').getByText('harus diawali https://').waitFor();
      await page.locator('#dav-sandi-cadangan ~ .field-error').getByText('minimal 12').waitFor();
      assert.equal(await p.button('Unggah cadangan sekarang').count(), 0, 'nothing saved, nothing to upload');
      // The automatic copy's passphrase can be generated too; the address typed stays.
      await p.tap(page.locator('#dav-sandi-acak'));
      const davMade = (await page.locator('section.offsite .passphrase-words').textContent()).trim();
      assert.match(davMade, /^[a-z]{4,9}( [a-z]{4,9}){3}$/);
      assert.notEqual(davMade, made);
      assert.equal(await page.locator('#dav-sandi-cadangan').inputValue(), davMade);
      assert.equal(await page.locator('#dav-sandi-cadangan ~ .field-error').count(), 0);
      await page.locator('#dav-url ~ .field-error').getByText('harus diawali https://').waitFor();
      assert.equal(await page.locator('#dav-url').inputValue(), 'ftp://awan.desa.id/cadangan');

      // Pembaruan katalog: a wrong address and a wrong key are said under their fields; a
      // check against a server that is down says so and leaves the catalog as it was.
      await p.type(page.locator('#katalog-url'), 'ftp://jemberkab.go.id/katalog.json');
      await p.type(page.locator('#katalog-kunci'), 'bukan-kunci');
      await p.tap(p.button('Simpan sumber katalog'));
      await page.locator('#katalog-url ~ .field-error').getByText('https://').waitFor();
      await page.locator('#katalog-kunci ~ .field-error').getByText('Kunci baris 1').waitFor();
      await p.type(page.locator('#katalog-url'), 'http://127.0.0.1:9/katalog.json');
      await p.type(page.locator('#katalog-kunci'), '');
      await p.tap(p.button('Simpan sumber katalog'));
      await page.getByText('Sumber pembaruan katalog disimpan.').waitFor();
      await p.tap(p.button('Periksa pembaruan sekarang'));
      await page.getByText('Server tidak bisa dihubungi').first().waitFor();
      await page.getByText('Katalog dipakai: versi 4 (2026-12-02)').waitFor();

      // Layanan tambahan kantor: a broken file is refused with the checker's words; a good one
      // is used at once and found by the search on the Layanan tab (checked below).
      await page.locator('#katalog-kantor-isi').fill('[[service]]\nid = 3');
      await p.tap(p.button('Simpan layanan kantor'));
      await page.locator('section.office-catalog .notice.error').waitFor();
      await page.locator('#katalog-kantor-isi').fill(OWN_SERVICE);
      await p.tap(p.button('Simpan layanan kantor'));
      await page.getByText('kantor.toml disimpan dan dipakai.').waitFor();
      await page.getByText('kantor.toml (1 layanan, buatan kantor, tanpa tanda tangan penerbit)').waitFor();
      await p.tap(page.getByRole('button', { name: 'Hapus kantor.toml' }));
      await p.button('Ya, hapus').waitFor();
      assert.deepEqual(await layoutProblems(page), []);
      assert.deepEqual(await seriousA11y(page), []);
      await screenshot(p, 'cadangan-bawah');

      // The restored book is the one the app now shows.
      await p.tap(p.button('Berkas'));
      await p.screen('Berkas');
      // Every case, closed ones too (Berkas opens on those in progress).
      await p.tap(p.button('Semua'));
      await page.locator('button.chip[data-status=""][aria-pressed="true"]').waitFor();
      await page.waitForFunction(() => document.querySelectorAll('ul.cases button.case').length === 12);
      assert.equal(await page.locator('ul.cases button.case').count(), 12);
      await p.tap(p.button('Layanan'));
      await p.type(page.getByRole('searchbox'), 'surat ternak');
      await page.locator('button.service[data-id="sk-ternak"]').waitFor();
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
