// Flow (k): the taps of the four journeys issue 21 measures, on the screens as they are, so
// every rework says what it saved. Counted by the phone's tap counter (`tap` and `type` are
// the only ways a flow acts); the set-up of each journey is not counted. Requirements to
// WhatsApp is counted by flow (a).
// - a WhatsApp message shared into the app, to a saved case;
// - a case whose letter is signed, from Beranda to the "siap diambil" reply sent;
// - unlocking the app with the PIN.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, until, closeBrowser, wib, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const START = wib(2026, 11, 30, 9, 0);
const PIN = '258014';
const SHARED = '[30/11/26 08.14] Siti Aminah: pak mau buat surat domisili, WA 0812 3456 7890';

function counted(p) {
  const taps = { ...p.counts };
  p.counts.taps = 0;
  p.counts.typed = 0;
  return taps;
}

test('(k) taps: shared message to case, case to "siap diambil" sent, unlock', async () => {
  const host = await startHost({ nowMs: START, lock: 'setup' });
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    await page.getByRole('heading', { name: 'Buat PIN' }).waitFor();
    await p.createPin(PIN);
    await p.screen('Beranda');
    counted(p);

    // A shared message to a saved case: the form opens filled from the message.
    await host.share(SHARED);
    await p.screen('Berkas baru');
    assert.equal(await page.locator('#f-nama').inputValue(), 'Siti Aminah');
    assert.equal(await page.locator('.service-chosen').getAttribute('data-id'), 'domisili');
    await p.tap(p.button('Simpan berkas'));
    await p.screen('Detail berkas');
    const shared = counted(p);
    console.log(`# taps, shared message to case: ${shared.taps} taps and ${shared.typed} typed fields`);
    assert.deepEqual(shared, { taps: 1, typed: 0 });

    // Set-up (not counted): the papers are in, the letter is being made at the desa.
    const items = page.locator('ul.ticks > li');
    for (let i = 0; i < await items.count(); i += 1) {
      await items.nth(i).locator('label.tick').tap();
      await page.waitForFunction((k) => document.querySelectorAll('ul.ticks > li.item-received').length === k, i + 1);
    }
    for (const [action, shown] of [['lengkap', 'Lengkap'], ['diproses:desa', 'Diproses di kantor desa']]) {
      await page.locator(`button[data-action="${action}"]`).tap();
      await page.locator('p.status', { hasText: shown }).waitFor();
    }
    await p.button('Beranda').tap();
    await p.screen('Beranda');
    counted(p);

    // The letter is signed: from Beranda to the "siap diambil" reply sent.
    await p.tap(p.button('Berkas'));
    await p.screen('Berkas');
    await p.tap(page.locator('button.case', { hasText: 'Siti Aminah' }));
    await p.screen('Detail berkas');
    // Both buttons of the journey are on screen as the case opens: no scrolling to find them.
    const onScreen = async (locator) => {
      const box = await locator.boundingBox();
      return box !== null && box.y >= 0 && box.y + box.height <= p.viewport.height;
    };
    assert.ok(await onScreen(page.locator('.stepbar button[data-action="siap-diambil"]')), 'the step is in reach');
    assert.ok(await onScreen(p.button('Balas via WA')), 'the reply is in reach');
    await p.tap(page.locator('button[data-action="siap-diambil"]'));
    await page.locator('p.status', { hasText: 'Siap diambil' }).waitFor();
    await page.waitForFunction(() => document.querySelector('#templat')?.value === 'siap-diambil');
    await p.tap(p.button('Balas via WA'));
    const sent = await until(host, (r) => r.chats.length === 1, 'the siap-diambil reply');
    assert.equal(sent.chats[0].number, '6281234567890');
    const ready = counted(p);
    console.log(`# taps, case to "siap diambil" sent: ${ready.taps} taps and ${ready.typed} typed fields`);
    assert.deepEqual(ready, { taps: 4, typed: 0 });

    // Unlocking (the lock button is set-up).
    await p.button('Kunci aplikasi').tap();
    await page.getByRole('heading', { name: 'Masukkan PIN' }).waitFor();
    counted(p);
    await p.type(page.locator('#pin-buka'), PIN);
    await p.screen('Detail berkas');
    const unlock = counted(p);
    console.log(`# taps, unlock: ${unlock.taps} taps and ${unlock.typed} typed fields`);
    // Was 1 tap ("Buka") and the PIN typed: the sixth digit now opens the app.
    assert.deepEqual(unlock, { taps: 0, typed: 1 });
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});
