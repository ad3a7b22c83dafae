// Flow (c): a WhatsApp request shared into the app on Saturday 20.00 WIB becomes a case that
// Beranda lists under "Masuk di luar jam layanan", and its first suggested reply is the
// out-of-hours acknowledgement with the next opening.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, screenshot, wib, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

for (const viewport of VIEWPORTS) {
  test(`(c) a Saturday night request waits in the out-of-hours queue, ${viewport.name}`, async () => {
    const host = await startHost({ nowMs: wib(2026, 11, 28, 20, 0) });
    const p = await phone(host, viewport);
    try {
      await p.page.getByText('Kantor tutup. Buka lagi hari Senin 30 November 2026 mulai pukul 08.00 WIB.').waitFor();
      await host.share('Assalamualaikum pak, saya Bu Sri mau urus akte lahir anak saya, wa 0812 3456 7890');
      // The app polls for shares every second and opens the prefilled form.
      await p.page.locator('#f-nama').waitFor();
      await p.screen('Berkas baru');
      assert.equal(await p.page.locator('.service-chosen').getAttribute('data-id'), 'akta-kelahiran');
      assert.equal(await p.page.locator('#f-hp').inputValue(), '+6281234567890');
      // "Pesan masuk" is also written out in Indonesian order under its field.
      assert.equal(await p.page.locator('p.date-words').textContent(), 'Sabtu, 28 November 2026, pukul 20.00 WIB');
      await p.type(p.page.locator('#f-nama'), 'Bu Sri');
      await p.tap(p.button('Simpan berkas'));
      await p.screen('Detail berkas');
      const reply = await p.page.locator('#balasan').inputValue();
      assert.match(reply, /Saat ini kantor desa sedang tutup\. Permohonan akan kami proses hari Senin 30 November 2026 mulai pukul 08\.00 WIB\./);
      assert.equal(await p.page.locator('#templat').inputValue(), 'di-luar-jam');
      await p.tap(p.button('Beranda'));
      const queue = p.page.locator('section.queue', { hasText: 'Masuk di luar jam layanan (1)' });
      await queue.waitFor();
      assert.match(await queue.textContent(), /Bu Sri/);
      await screenshot(p, 'beranda-luar-jam');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
