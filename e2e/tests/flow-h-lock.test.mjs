// Flow (h): the PIN lock. First start asks for a PIN (a too-easy one is refused under its
// field), the lock button and a wrong PIN, locking again after minutes in the background, the
// private-screen switch in Pengaturan (asking the PIN again), twenty wrong PINs closing the PIN
// field for good, and "Lupa PIN" wiping the phone after HAPUS is typed and asked again a day
// later.
// Each lock screen also passes the layout and accessibility checks.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startHost, phone, closeBrowser, screenshot, layoutProblems, seriousA11y, until, wib, VIEWPORTS,
} from '../lib.mjs';

after(closeBrowser);

const PIN = '258014';
const START = wib(2026, 11, 30, 9, 0);

async function checkScreen(p, name) {
  assert.deepEqual(await layoutProblems(p.page), [], `layout of ${name}`);
  assert.deepEqual(await seriousA11y(p.page), [], `accessibility of ${name}`);
  await screenshot(p, name);
}

for (const viewport of VIEWPORTS) {
  test(`(h) PIN lock: first start, wrong PIN, relock after the background, wipe, ${viewport.name}`, async () => {
    const host = await startHost({ nowMs: START, lock: 'setup' });
    const p = await phone(host, viewport);
    const { page } = p;
    try {
      // First start: nothing of the case book is shown, no tabs.
      await page.getByRole('heading', { name: 'Buat PIN' }).waitFor();
      assert.equal(await page.locator('nav.tabs').count(), 0);
      await checkScreen(p, 'kunci-buat-pin');
      await p.createPin('123456');
      await page.locator('#pin-baru ~ p.field-error').waitFor();
      assert.match(await page.locator('#pin-baru ~ p.field-error').textContent(), /terlalu mudah ditebak/);
      await p.createPin(PIN);
      await p.screen('Beranda');

      // The lock button; a wrong PIN is said under the field.
      await p.tap(p.button('Kunci aplikasi'));
      await page.getByRole('heading', { name: 'Masukkan PIN' }).waitFor();
      assert.equal(await page.locator('nav.tabs').count(), 0);
      // The sixth digit opens the app (or says why not): no button to find after typing.
      await p.type(page.locator('#pin-buka'), '111112');
      await page.locator('#pin-buka ~ p.field-error').waitFor();
      assert.equal(
        (await page.locator('#pin-buka ~ p.field-error').textContent()).trim(),
        'PIN salah. Sisa 4 kali sebelum harus menunggu.',
      );
      assert.equal(await page.locator('#pin-buka').inputValue(), '', 'emptied for the next try');
      await checkScreen(p, 'kunci-pin-salah');
      await p.type(page.locator('#pin-buka'), PIN);
      await p.screen('Beranda');

      // Four minutes in another app: still open. Six minutes: locked when back. Each step
      // waits for two lock ticks the app really ran (not a sleep that passes when none did).
      const ticks = async (what) => {
        const before = (await host.recorded()).lockChecks;
        await until(host, (r) => r.lockChecks >= before + 2, `two lock ticks ${what}`);
      };
      await host.background(true);
      await ticks('while away');
      await host.setClock(START + 4 * 60000);
      await ticks('after four minutes');
      await host.background(false);
      await ticks('back on screen');
      assert.equal(await page.getByRole('heading', { name: 'Masukkan PIN' }).count(), 0);
      await host.background(true);
      await ticks('away again');
      await host.setClock(START + 10 * 60000);
      await host.background(false);
      await page.getByRole('heading', { name: 'Masukkan PIN' }).waitFor();
      await p.type(page.locator('#pin-buka'), PIN);
      await p.screen('Beranda');

      // Pengaturan: the private screen is on; switching it off asks for the PIN again (someone
      // holding the unlocked phone cannot), then reaches the platform.
      await p.tap(p.button('Lainnya'));
      await p.tap(p.button('Pengaturan'));
      await p.screen('Pengaturan');
      await page.getByRole('heading', { name: 'Kunci & privasi' }).waitFor();
      assert.equal(await page.locator('#layar-aman').isChecked(), true);
      assert.equal((await host.recorded()).secureScreen, true);
      await p.tap(page.locator('#layar-aman'));
      await page.locator('#pin-lama ~ .field-error', { hasText: 'Isi PIN untuk menyimpan perubahan ini.' }).waitFor();
      assert.equal(await page.locator('#layar-aman').isChecked(), true, 'still on');
      assert.equal((await host.recorded()).secureScreen, true);
      await p.type(page.locator('#pin-lama'), PIN);
      await p.tap(page.locator('#layar-aman'));
      await until(host, (r) => r.secureScreen === false, 'private screen off');
      await page.getByText('Layar pribadi dimatikan.').waitFor();

      // Twenty wrong PINs, the clock moved past each wait: no more tries on this phone, not
      // even the right PIN; the way left is "Lupa PIN?".
      await p.tap(p.button('Kunci aplikasi'));
      let now = START + 10 * 60000;
      for (let guess = 0; guess < 20; guess += 1) {
        now += 61 * 60000;
        await host.setClock(now);
        await p.page.waitForFunction(() => !document.querySelector('button.primary')?.disabled);
        await p.type(page.locator('#pin-buka'), String(700001 + guess));
        // Each guess is checked (argon2, off the screen's thread) before the clock moves on.
        await until(host, (r) => r.pinFailures === guess + 1, `guess ${guess + 1} counted`);
      }
      await page.locator('section.lock .notice.error', { hasText: 'PIN tidak bisa dicoba lagi di HP ini' }).waitFor();
      await page.locator('#pin-buka').waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'PIN terkunci' }).waitFor();
      await checkScreen(p, 'kunci-habis');

      // Lupa PIN: wipe after typing HAPUS.
      await p.tap(p.button('Lupa PIN?'));
      await page.getByRole('heading', { name: 'Lupa PIN' }).waitFor();
      await checkScreen(p, 'kunci-lupa-pin');
      await p.type(page.locator('#hapus-konfirmasi'), 'hapus');
      await p.tap(p.button('Hapus semua data'));
      await page.locator('#hapus-konfirmasi + p.field-error').waitFor();
      await p.type(page.locator('#hapus-konfirmasi'), 'HAPUS');
      await p.tap(p.button('Hapus semua data'));
      // The first HAPUS only schedules the wipe a day ahead; nothing is removed yet.
      await page.getByText(/Penghapusan dijadwalkan: semua data terhapus setelah/).waitFor();
      await p.tap(p.button('Hapus semua data'));
      await page.locator('#hapus-konfirmasi + p.field-error', { hasText: 'sudah dijadwalkan' }).waitFor();
      // A day later, asked again: everything goes and the app asks for a new PIN.
      await host.setClock(now + 25 * 60 * 60000);
      await p.tap(p.button('Hapus semua data'));
      await page.getByRole('heading', { name: 'Buat PIN' }).waitFor();
      assert.deepEqual(p.errors, []);
      assert.doesNotMatch(host.logs(), /panicked/);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}

test('(h) fingerprint: turned on with the PIN, then the lock screen opens with a finger, 360x800', async () => {
  const host = await startHost({ nowMs: START, lock: PIN, fingerprint: true });
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    // Off by default: the lock screen asks for the PIN only.
    await page.getByRole('heading', { name: 'Masukkan PIN' }).waitFor();
    assert.equal(await p.button('Buka dengan sidik jari').count(), 0);
    assert.deepEqual((await host.recorded()).fingerprintAsks, []);
    await p.type(page.locator('#pin-buka'), PIN);
    await p.screen('Beranda');

    // Pengaturan › Kunci & privasi: the switch needs the PIN.
    await p.tap(p.button('Lainnya'));
    await p.tap(p.button('Pengaturan'));
    await p.screen('Pengaturan');
    const finger = page.locator('#sidik-jari');
    assert.equal(await finger.getAttribute('aria-checked'), 'false');
    await p.tap(finger);
    await page.locator('#pin-lama ~ p.field-error').waitFor();
    await p.type(page.locator('#pin-lama'), PIN);
    await p.tap(finger);
    await page.getByText('Buka dengan sidik jari dinyalakan.').waitFor();
    assert.equal(await page.locator('#sidik-jari').getAttribute('aria-checked'), 'true');

    // Locked: the phone's prompt comes up by itself; "Pakai PIN" leaves the PIN box.
    await p.tap(page.getByRole('button', { name: 'Kunci aplikasi' }));
    await page.getByRole('heading', { name: 'Masukkan PIN' }).waitFor();
    await until(host, (r) => r.fingerprintAsks.length === 1, 'the prompt asked once');
    await host.fingerprint(false);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await page.getByRole('heading', { name: 'Masukkan PIN' }).count(), 1, 'still locked');
    assert.deepEqual(await layoutProblems(page), []);
    assert.deepEqual(await seriousA11y(page), []);
    await screenshot(p, 'kunci-sidik-jari');

    // "Buka dengan sidik jari" asks again; a finger the phone knows opens the app: no tap
    // counted for the unlock itself, nothing typed.
    const before = { ...p.counts };
    await p.tap(p.button('Buka dengan sidik jari'));
    await until(host, (r) => r.fingerprintAsks.length === 2, 'the prompt asked again');
    await host.fingerprint(true);
    await p.screen('Pengaturan');
    assert.deepEqual({ taps: p.counts.taps - before.taps, typed: p.counts.typed - before.typed }, { taps: 1, typed: 0 });
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});
