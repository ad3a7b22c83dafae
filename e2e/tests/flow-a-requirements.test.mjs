// Flow (a): search "akte lahir", open Akta kelahiran, send its requirements to 0812 3456 7890.
// The recorded WhatsApp call must carry 6281234567890 and exactly the text on screen; the taps
// and typed fields from opening the app to WhatsApp are counted (README: "Taps to WhatsApp").
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, until, closeBrowser, screenshot, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

for (const viewport of VIEWPORTS) {
  test(`(a) requirements of akta kelahiran reach WhatsApp, ${viewport.name}`, async () => {
    const host = await startHost();
    const p = await phone(host, viewport);
    try {
      await p.tap(p.button('Layanan'));
      await p.type(p.page.locator('#cari'), 'akte lahir');
      const first = p.page.locator('ul.services button.service').first();
      await p.page.locator('ul.services button.service[data-id="akta-kelahiran"]').waitFor();
      assert.equal(await first.getAttribute('data-id'), 'akta-kelahiran', 'best match first');
      await p.tap(first);
      await p.screen('Persyaratan');
      await screenshot(p, 'persyaratan');
      // The number and "Buka WhatsApp" are on screen as it opens: no scrolling before sending.
      for (const target of [p.page.locator('#nomor'), p.button('Buka WhatsApp')]) {
        const box = await target.boundingBox();
        assert.ok(box && box.y + box.height <= viewport.height, 'in reach without scrolling');
      }
      // The number goes right on the service screen; WhatsApp shows the message before sending.
      await p.type(p.page.locator('#nomor'), '0812 3456 7890');
      await p.page.getByText('Dikirim ke +62 812-3456-7890').waitFor();
      await screenshot(p, 'persyaratan-nomor');
      await p.tap(p.button('Buka WhatsApp'));
      const recorded = await until(host, (r) => r.chats.length === 1, 'one WhatsApp call');
      await p.page.getByText('Pesan disiapkan di WhatsApp Business').waitFor();
      const taps = { ...p.counts };
      console.log(`# taps to WhatsApp: ${taps.taps} taps and ${taps.typed} typed fields (${viewport.name})`);
      assert.deepEqual(taps, { taps: 3, typed: 2 });
      assert.equal(recorded.chats[0].number, '6281234567890');
      assert.ok(recorded.chats[0].link.startsWith('https://wa.me/6281234567890?text=Terima%20kasih'));

      // The text that went out is exactly the message the send screen shows (not counted:
      // after WhatsApp opened).
      await p.page.getByRole('button', { name: 'Lihat atau ubah pesan dulu' }).tap();
      await p.screen('Kirim via WhatsApp');
      const text = await p.page.locator('#pesan').inputValue();
      assert.equal(recorded.chats[0].text, text);
      assert.match(text, /^Terima kasih, Bapak\/Ibu, sudah menghubungi Pemerintah Desa Wonojati/);
      assert.match(text, /Persyaratan \*Akta kelahiran\*:\n1\. Surat keterangan kelahiran/);
      assert.equal(await p.page.locator('#nomor').inputValue(), '0812 3456 7890', 'the number stays');
      await screenshot(p, 'kirim');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });

  test(`(a) the number copied in WhatsApp goes in with "Tempel", ${viewport.name}`, async () => {
    const host = await startHost();
    const p = await phone(host, viewport);
    try {
      await p.tap(p.button('Layanan'));
      await p.type(p.page.locator('#cari'), 'akte lahir');
      await p.tap(p.page.locator('ul.services button.service[data-id="akta-kelahiran"]'));
      await p.screen('Persyaratan');
      // Nothing copied yet: said under the field (set-up, not counted).
      await p.page.locator('.number-row').getByRole('button', { name: 'Tempel' }).tap();
      await p.page.getByText('Belum ada nomor WhatsApp yang disalin.', { exact: false }).waitFor();
      // The official long-pressed the resident's number in WhatsApp and copied it.
      await host.copyElsewhere('+62 812-3456-7890');
      await p.tap(p.page.locator('.number-row').getByRole('button', { name: 'Tempel' }));
      await p.page.getByText('Dikirim ke +62 812-3456-7890').waitFor();
      assert.equal(await p.page.locator('#nomor').inputValue(), '+62 812-3456-7890');
      await p.tap(p.button('Buka WhatsApp'));
      const recorded = await until(host, (r) => r.chats.length === 1, 'one WhatsApp call');
      assert.equal(recorded.chats[0].number, '6281234567890');
      const taps = { ...p.counts };
      console.log(`# taps to WhatsApp with a copied number: ${taps.taps} taps and ${taps.typed} typed fields (${viewport.name})`);
      assert.deepEqual(taps, { taps: 4, typed: 1 });
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
