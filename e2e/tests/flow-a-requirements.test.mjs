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
      await p.tap(p.button('Kirim persyaratan via WhatsApp'));
      await p.type(p.page.locator('#nomor'), '0812 3456 7890');
      await p.page.getByText('Dikirim ke +62 812-3456-7890').waitFor();
      const text = await p.page.locator('#pesan').inputValue();
      assert.match(text, /^Terima kasih sudah menghubungi Pemerintah Desa Wonojati/);
      assert.match(text, /Persyaratan \*Akta kelahiran\*:\n1\. Surat keterangan kelahiran/);
      await screenshot(p, 'kirim');
      await p.tap(p.button('Buka WhatsApp'));
      const recorded = await until(host, (r) => r.chats.length === 1, 'one WhatsApp call');
      assert.equal(recorded.chats[0].number, '6281234567890');
      assert.equal(recorded.chats[0].text, text);
      assert.ok(recorded.chats[0].link.startsWith('https://wa.me/6281234567890?text=Terima%20kasih'));
      await p.page.getByText('WhatsApp Business').first().waitFor();
      console.log(`# taps to WhatsApp: ${p.counts.taps} taps and ${p.counts.typed} typed fields (${viewport.name})`);
      assert.deepEqual(p.counts, { taps: 4, typed: 2 });
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
