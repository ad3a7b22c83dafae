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
      await first.type(first.page.locator('#f-layanan-cari'), 'kia');
      await first.tap(first.page.locator('button.service-option[data-id="kia"]'));
      await first.page.locator('.service-chosen[data-id="kia"]').waitFor();
      await first.type(first.page.locator('#f-catatan'), 'Anak kedua, umur 6 tahun');
      // Give the last keystroke's save its round trip, then close without submitting.
      await first.page.waitForTimeout(300);
      await first.close();

      const again = await phone(host, viewport);
      await again.tap(again.button('+ Berkas baru'));
      assert.equal(await again.page.locator('#f-nama').inputValue(), 'Siti Aminah');
      assert.equal(await again.page.locator('#f-hp').inputValue(), '0813-2222-3333');
      assert.equal(await again.page.locator('.service-chosen').getAttribute('data-id'), 'kia');
      assert.equal(await again.page.locator('#f-catatan').inputValue(), 'Anak kedua, umur 6 tahun');
      await again.close();
    } finally {
      await host.stop();
    }
  });
}

// A whole exported chat shared into the app: the form keeps the last three messages, says
// how many earlier lines were left out, and adds them only when asked. One viewport is enough:
// the layout of the form is checked by the other flows.
test('(e) a shared whole chat keeps its last messages; the rest is added on request', async () => {
  const host = await startHost();
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    const earlier = [1, 2, 3, 4, 5].map((i) => `[2${i}/10/26 08.00] Tetangga: urusan lain ${i}`);
    const kept = [
      '[28/11/26 20.14] Siti Aminah: pak mau urus akte kelahiran',
      '[28/11/26 20.15] Siti Aminah: anak saya lahir kemarin',
      '[28/11/26 20.16] Siti Aminah: WA 0812 3456 7890',
    ];
    await host.share([...earlier, ...kept].join('\n'));
    await p.screen('Berkas baru');
    assert.equal(await page.locator('#f-catatan').inputValue(), kept.join('\n'));
    await page.getByText('5 baris sebelumnya tidak disimpan').waitFor();
    await p.tap(p.button('Sertakan percakapan sebelumnya'));
    await page.waitForFunction(() => document.querySelector('#f-catatan')?.value.startsWith('[21/10/26'));
    assert.equal(await page.locator('#f-catatan').inputValue(), [...earlier, ...kept].join('\n'));
    assert.equal(await p.button('Sertakan percakapan sebelumnya').count(), 0);
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});
