// Flow (p): reminders in the desktop preview. Off until Pengaturan turns them on; then a
// request that came in while the office was closed is planned for the next opening, shows on
// the app's own screen when that moment comes (the preview has no notifications), and "Buka
// daftar" opens Beranda at the out-of-hours queue. Android arms the same plan as notifications
// (tests/jni.rs and tests/reminders.rs).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, screenshot, until, wib, layoutProblems, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

test('(p) a closed office is reminded of the night\'s requests at opening time', async () => {
  // Monday 7 December 2026, 20.00 WIB: the office is closed until Tuesday 08.00.
  const host = await startHost({ nowMs: wib(2026, 12, 7, 20, 0) });
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    await host.share('Pak, saya Bu Sri mau urus akte lahir anak saya, wa 0812 3456 7890');
    await page.locator('#f-nama').waitFor();
    await p.type(page.locator('#f-nama'), 'Bu Sri');
    await p.tap(p.button('Simpan berkas'));
    await p.screen('Detail berkas');
    // Off by default: the first plan armed is empty (it cancels whatever was armed before).
    await until(host, (r) => Array.isArray(r.reminders) && r.reminders.length === 0, 'an empty plan while off');

    await p.tap(p.button('Lainnya'));
    await p.tap(p.button('Pengaturan'));
    await p.screen('Pengaturan');
    const off = page.locator('section.reminders').getByRole('button', { name: 'Mati', exact: true });
    assert.equal(await off.getAttribute('aria-pressed'), 'true');
    await p.tap(page.locator('section.reminders').getByRole('button', { name: 'Nyala', exact: true }));
    await page.getByText('Pengingat aktif. Di komputer ini pengingat muncul di layar aplikasi').waitFor();
    const armed = await until(host, (r) => (r.reminders ?? []).some((x) => x.kind === 'luar-jam'), 'the morning reminder armed');
    const morning = armed.reminders.find((x) => x.kind === 'luar-jam');
    assert.equal(morning.at, wib(2026, 12, 8, 8, 0));
    assert.equal(morning.title, '1 permintaan masuk saat kantor tutup');
    assert.deepEqual(await layoutProblems(page), []);

    // Nothing on screen before its moment; at 08.01 it shows above the screen.
    await p.tap(p.button('Beranda'));
    await p.screen('Beranda');
    assert.equal(await page.locator('.notice.reminder').count(), 0);
    await host.setClock(wib(2026, 12, 8, 8, 1));
    const banner = page.locator('.notice.reminder');
    await banner.waitFor({ timeout: 5000 });
    assert.match(await banner.textContent(), /1 permintaan masuk saat kantor tutup/);
    assert.doesNotMatch(await banner.textContent(), /Bu Sri/, 'counts only, like a lock-screen notification');
    await screenshot(p, 'pengingat');
    assert.deepEqual(await layoutProblems(page), []);

    // "Buka daftar": Beranda at the out-of-hours queue, and the reminder is gone for good.
    await p.tap(p.button('Lainnya'));
    await p.screen('Lainnya');
    await p.tap(banner.getByRole('button', { name: 'Buka daftar', exact: true }));
    await p.screen('Beranda');
    const queue = page.locator('#antrean-luar-jam');
    await page.waitForFunction(() => {
      const el = document.getElementById('antrean-luar-jam');
      if (!el) return false;
      // In view: its heading is on screen above the tab bar.
      const r = el.getBoundingClientRect();
      const tabs = document.querySelector('nav.tabs')?.getBoundingClientRect().top ?? window.innerHeight;
      return r.top >= 0 && r.top + 40 <= tabs;
    }, null, { timeout: 5000 });
    assert.match(await queue.textContent(), /Bu Sri/);
    assert.equal(await page.locator('.notice.reminder').count(), 0);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await page.locator('.notice.reminder').count(), 0, 'stays closed');
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});
