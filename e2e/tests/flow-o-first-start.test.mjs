// Flow (o): a new phone, from the first start to its first case. The PIN (or "Lewati"), then
// "Siapkan HP ini" in three steps (the office and its WhatsApp number, the hours confirmed,
// the official's name), then "+ Buat berkas pertama" and the resident's message pasted. The
// taps and typed fields are counted; the time is estimated from them (printed, not asserted:
// the official reads and types at their own pace). Every step can be skipped, the guide does
// not come back by itself after a restart, and Pengaturan offers it again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, closeBrowser, screenshot, layoutProblems, seriousA11y, contrastProblems, wib, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const START = wib(2026, 11, 30, 9, 0);
const PIN = '258014';
/** Seconds an official needs, generously: a tap after reading the screen, a field typed. */
const SECONDS_PER_TAP = 10;
const SECONDS_PER_FIELD = 30;

test('(o) a new phone is set up and has its first case', async () => {
  const host = await startHost({ nowMs: START, lock: 'setup', firstStart: 'guide' });
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    await page.getByRole('heading', { name: 'Buat PIN' }).waitFor();
    await p.createPin(PIN);

    await p.screen('Siapkan HP ini');
    assert.equal(await page.locator('nav.tabs').count(), 0, 'the guide first, no tabs');
    await page.getByText('Langkah 1 dari 3').waitFor();
    assert.equal(await page.locator('#awal-desa').inputValue(), 'Wonojati');
    await screenshot(p, 'siapkan-hp');
    assert.deepEqual(await layoutProblems(page), []);
    assert.deepEqual(await seriousA11y(page), []);
    assert.deepEqual(await contrastProblems(p), []);
    // A wrong number is said under its field; nothing moves on.
    await p.type(page.locator('#awal-wa-kantor'), '0812 34');
    await p.tap(p.button('Lanjut'));
    await page.locator('#awal-wa-kantor + p.field-error').waitFor();
    await p.type(page.locator('#awal-wa-kantor'), '0812 3000 4455');
    await p.tap(p.button('Lanjut'));
    await page.getByText('Langkah 2 dari 3').waitFor();
    await page.getByText('Senin', { exact: false }).first().waitFor();
    await p.tap(p.button('Jam ini sudah benar'));
    await page.getByText('Langkah 3 dari 3').waitFor();
    await p.type(page.locator('#awal-petugas'), 'Bu Lilik');
    await p.tap(p.button('Simpan'));
    await page.getByRole('heading', { name: 'HP ini siap dipakai' }).waitFor();
    await p.tap(p.button('+ Buat berkas pertama'));
    await p.screen('Berkas baru');
    await host.copyElsewhere('[30/11/26 08.40] Siti Aminah: pak mau buat surat domisili, WA 0812 3456 7890');
    await p.tap(p.button('Tempel pesan WA'));
    await page.waitForFunction(() => document.querySelector('#f-nama')?.value === 'Siti Aminah');
    await p.tap(p.button('Simpan berkas'));
    await p.screen('Detail berkas');
    // The name the official gave is in the case's timeline.
    await page.locator('.timeline', { hasText: 'Bu Lilik' }).waitFor({ state: 'attached' });
    const { taps, typed } = p.counts;
    // One wrong number typed and its retry are part of the count, as on a real first day.
    const minutes = (taps * SECONDS_PER_TAP + typed * SECONDS_PER_FIELD) / 60;
    console.log(`# first start to first case: ${taps} taps and ${typed} typed fields, about ${minutes.toFixed(1)} minutes at ${SECONDS_PER_TAP} s a tap and ${SECONDS_PER_FIELD} s a field`);
    assert.deepEqual({ taps, typed }, { taps: 8, typed: 5 });

    // Set up: Beranda no longer asks to check the hours; the guide is gone after a restart.
    await p.tap(p.button('Beranda'));
    await p.screen('Beranda');
    assert.equal(await page.getByText('Jam layanan kantor belum dikonfirmasi').count(), 0);
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});

test('(o) every step of the guide can be skipped, and Pengaturan offers it again', async () => {
  let host = await startHost({ nowMs: START, firstStart: 'guide' });
  let p = await phone(host, VIEWPORTS[0]);
  const dataDir = host.dataDir;
  try {
    await p.screen('Siapkan HP ini');
    for (const n of [1, 2, 3]) {
      await p.page.getByText(`Langkah ${n} dari 3`).waitFor();
      await p.tap(p.button('Lewati'));
    }
    await p.tap(p.button('Ke Beranda'));
    await p.screen('Beranda');
    // The hours were not confirmed: Beranda still says so.
    await p.page.getByText('Jam layanan kantor belum dikonfirmasi').waitFor();
    await p.close();
    await host.stop({ keepData: true });

    host = await startHost({ nowMs: START, firstStart: 'guide', dataDir });
    p = await phone(host, VIEWPORTS[0]);
    await p.screen('Beranda');
    await p.tap(p.button('Lainnya'));
    await p.tap(p.button('Pengaturan'));
    await p.tap(p.button('Panduan awal: siapkan HP ini lagi'));
    await p.screen('Siapkan HP ini');
    await p.page.getByText('Langkah 1 dari 3').waitFor();
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});
