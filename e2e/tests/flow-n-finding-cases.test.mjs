// Flow (n): finding a case. Beranda has a search at the top: typing a name lists the cases it
// finds in place of the queues, the keyboard stays in the field, and a tap opens the case.
// A tap on a case's number opens the resident's chat. Berkas opens on "Berjalan" (cases in
// progress, two lines each); a cancelled case is a chip away ("Semua"), not mixed in.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, until, closeBrowser, screenshot, layoutProblems, wib, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const START = wib(2026, 11, 30, 9, 0);

test('(n) Beranda search and the Berkas status chips', async () => {
  const host = await startHost({ nowMs: START });
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    for (const [i, name] of ['Siti Aminah', 'Rina Wulandari', 'Hasan Basri'].entries()) {
      await host.share(`[30/11/26 08.1${i}] ${name}: pak mau buat surat domisili, WA 0812 3456 78${i}0`);
      await p.screen('Berkas baru');
      await page.waitForFunction((n) => document.querySelector('#f-nama')?.value === n, name);
      await p.button('Simpan berkas').tap();
      await p.screen('Detail berkas');
    }
    // Rina moved away: her case is cancelled.
    await p.button('Berkas').tap();
    await page.locator('button.case', { hasText: 'Rina Wulandari' }).tap();
    await p.screen('Detail berkas');
    await page.locator('#alasan').fill('Pindah ke Surabaya');
    await page.locator('button[data-action="dibatalkan"]').tap();
    await page.locator('p.status', { hasText: 'Dibatalkan' }).waitFor();

    // Beranda: type part of a name; the results replace the queues; the field keeps focus.
    await p.button('Beranda').tap();
    await p.screen('Beranda');
    await p.type(page.locator('#cari-beranda'), 'has');
    await page.locator('#hasil-cari button.case', { hasText: 'Hasan Basri' }).waitFor();
    assert.equal(await page.locator('#hasil-cari button.case').count(), 1);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'cari-beranda');
    assert.equal(await page.locator('nav.counters').count(), 0, 'the queues give way to the results');
    // A cancelled case is found too: the search is over every case.
    await p.type(page.locator('#cari-beranda'), 'rina');
    await page.locator('#hasil-cari button.case', { hasText: 'Rina Wulandari' }).waitFor();
    await p.type(page.locator('#cari-beranda'), 'tidak ada');
    await page.getByText('Tidak ada berkas yang cocok dengan "tidak ada".').waitFor();
    await p.type(page.locator('#cari-beranda'), 'siti');
    await p.tap(page.locator('#hasil-cari button.case', { hasText: 'Siti Aminah' }));
    await p.screen('Detail berkas');
    await page.getByRole('heading', { name: 'Siti Aminah' }).waitFor();
    // A tap on her number opens her chat, nothing typed.
    await p.tap(page.getByRole('button', { name: 'Buka chat WhatsApp +62 812-3456-7800' }));
    const opened = await until(host, (r) => r.chats.length === 1, 'her chat');
    assert.equal(opened.chats[0].number, '6281234567800');
    assert.equal(opened.chats[0].text, '');
    await page.getByText('Chat warga dibuka di WhatsApp Business.').waitFor();

    // Berkas opens on the cases in progress; two lines a case.
    await p.tap(p.button('Berkas'));
    await p.screen('Berkas');
    assert.equal(await page.locator('button.chip[aria-pressed="true"]').textContent(), 'Berjalan');
    await page.locator('button.case', { hasText: 'Hasan Basri' }).waitFor();
    assert.deepEqual(await page.locator('ul.cases button.case .name').allTextContents(), ['Hasan Basri', 'Siti Aminah']);
    const row = page.locator('button.case', { hasText: 'Siti Aminah' });
    assert.equal(await row.locator('.line2').textContent(), 'Sen 30 Nov · 2026-0001 · Surat keterangan domisili');
    const box = await row.boundingBox();
    assert.ok(box.height < 80, `a row is two lines, ${box.height}px`);
    // The chips take one line (they scroll sideways).
    const chips = await page.locator('nav.chips').boundingBox();
    assert.ok(chips.height < 60, `one line of chips, ${chips.height}px`);
    await screenshot(p, 'berkas-berjalan');
    assert.deepEqual(await layoutProblems(page), []);
    await p.tap(page.locator('button.chip', { hasText: 'Semua' }));
    await page.locator('button.case', { hasText: 'Rina Wulandari' }).waitFor();
    assert.equal(await page.locator('ul.cases button.case').count(), 3);
    await p.tap(page.locator('button.chip', { hasText: 'Baru' }));
    await page.waitForFunction(() => document.querySelectorAll('ul.cases button.case').length === 2);
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});

test('(n) HP kantor: this phone\'s code goes into the next case numbers, and the search finds them', async () => {
  const host = await startHost({ nowMs: START });
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    await host.share('[30/11/26 08.10] Siti Aminah: pak mau buat surat domisili, WA 0812 3456 7810');
    await p.screen('Berkas baru');
    await page.waitForFunction(() => document.querySelector('#f-nama')?.value === 'Siti Aminah');
    await p.button('Simpan berkas').tap();
    await p.screen('Detail berkas');

    await p.button('Lainnya').tap();
    await p.button('Pengaturan').tap();
    await p.screen('Pengaturan');
    await page.getByText('Berkas baru berikutnya: 2026-0002').waitFor();
    await page.locator('#kode-hp').fill('12');
    await p.button('Simpan kode HP').tap();
    await page.locator('#kode-hp ~ p.field-error', { hasText: 'Kode HP 1 atau 2 huruf saja' }).waitFor();
    await page.locator('#kode-hp').fill('b');
    await p.button('Simpan kode HP').tap();
    await page.getByText('Kode HP disimpan. Berkas baru berikutnya: 2026-B0001.').waitFor();
    assert.deepEqual(await layoutProblems(page), []);

    await host.share('[30/11/26 08.20] Hasan Basri: mau buat SKTM, WA 0812 3456 7820');
    await p.screen('Berkas baru');
    await page.waitForFunction(() => document.querySelector('#f-nama')?.value === 'Hasan Basri');
    await p.button('Simpan berkas').tap();
    await p.screen('Detail berkas');
    await page.getByText('2026-B0001').first().waitFor();

    await p.button('Beranda').tap();
    await p.screen('Beranda');
    await page.locator('#cari-beranda').fill('2026-b1');
    await page.locator('button.case', { hasText: 'Hasan Basri' }).waitFor();
    assert.equal(await page.locator('button.case', { hasText: 'Siti Aminah' }).count(), 0);
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});
