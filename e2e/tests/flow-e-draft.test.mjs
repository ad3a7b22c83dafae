// Flow (e): closing the page in the middle of the new-case form and opening the app again
// brings back everything typed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

for (const viewport of VIEWPORTS) {
  test(`(e) a half-filled form survives closing the page, ${viewport.name}`, async () => {
    const host = await startHost();
    try {
      const first = await phone(host, viewport);
      await first.tap(first.button('+ Berkas baru'));
      await first.type(first.page.locator('#f-nama'), 'Siti Aminah');
      await first.type(first.page.locator('#f-hp'), '0813-2222-3333');
      await first.page.locator('#f-layanan').selectOption('kia');
      await first.type(first.page.locator('#f-catatan'), 'Anak kedua, umur 6 tahun');
      // Give the last keystroke's save its round trip, then close without submitting.
      await first.page.waitForTimeout(300);
      await first.close();

      const again = await phone(host, viewport);
      await again.tap(again.button('+ Berkas baru'));
      assert.equal(await again.page.locator('#f-nama').inputValue(), 'Siti Aminah');
      assert.equal(await again.page.locator('#f-hp').inputValue(), '0813-2222-3333');
      assert.equal(await again.page.locator('#f-layanan').inputValue(), 'kia');
      assert.equal(await again.page.locator('#f-catatan').inputValue(), 'Anak kedua, umur 6 tahun');
      await again.close();
    } finally {
      await host.stop();
    }
  });
}
