// Flow (q): two phones of one office (issue 22). With files only: phone A takes in a case and
// makes a sync file ("Kirim ke HP lain"); phone B opens it ("Terima dari HP lain") and finds
// the case in Berkas with A's number; B ticks a document and answers with its own file; A
// opens it from WhatsApp ("Buka dengan") and sees the tick. Opening A's file a second time on
// B says nothing is new.
// With the office's WebDAV folder (rclone on 127.0.0.1): the same through "Sinkron sekarang",
// and Beranda says when the last sync was and that nothing waits to be sent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, startDav, phone, closeBrowser, layoutProblems, wib, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const START = wib(2026, 11, 30, 9, 0);
const PASS = 'Sandi Kantor Wonojati 2026';

/** Pengaturan › HP kantor: this phone's code. */
async function setCode(p, code) {
  const { page } = p;
  await p.button('Lainnya').tap();
  await p.button('Pengaturan').tap();
  await p.screen('Pengaturan');
  await page.locator('#kode-hp').fill(code);
  await p.button('Simpan kode HP').tap();
  await page.getByText('Kode HP disimpan.').waitFor();
}

/** From Pengaturan: "Kirim ke HP lain", then the file as the other phone's picker gets it. */
async function send(p, host) {
  const { page } = p;
  await page.locator('#sandi-sinkron').fill(PASS);
  await p.button('Kirim ke HP lain').tap();
  await page.getByText('Berkas sinkron dibuat').waitFor({ timeout: 30000 });
  return host.sharedFile();
}

/** From Pengaturan: "Terima dari HP lain" with `file`; returns the line that says what came in. */
async function receive(p, host, file) {
  const { page } = p;
  await host.offerFile(file);
  await page.locator('#sandi-sinkron').fill(PASS);
  await p.button('Terima dari HP lain').tap();
  await page.getByText(`Berkas: ${file.name}`).waitFor();
  await p.button('Buka berkas sinkron').tap();
  const said = page.locator('section.sync p.notice');
  await said.waitFor({ timeout: 30000 });
  return said.textContent();
}

test('(q) a case made on phone A reaches phone B by file, and B\'s tick comes back', async () => {
  const hostA = await startHost({ nowMs: START });
  const hostB = await startHost({ nowMs: START + 60_000 });
  const a = await phone(hostA, VIEWPORTS[0]);
  const b = await phone(hostB, VIEWPORTS[0]);
  try {
    await setCode(a, 'a');
    await hostA.share('[30/11/26 08.10] Siti Aminah: pak mau buat surat domisili, WA 0812 3456 7810');
    await a.screen('Berkas baru');
    await a.page.waitForFunction(() => document.querySelector('#f-nama')?.value === 'Siti Aminah');
    await a.button('Simpan berkas').tap();
    await a.screen('Detail berkas');
    await a.page.getByText('2026-A0001').first().waitFor();
    await a.button('Lainnya').tap();
    await a.button('Pengaturan').tap();
    await a.screen('Pengaturan');
    const fromA = await send(a, hostA);
    assert.match(fromA.name, /^sinkron-a-2026-11-30-\d{4}\.ldsync$/);

    await setCode(b, 'b');
    assert.equal(await receive(b, hostB, fromA), '1 berkas baru, 0 perubahan dari HP A.');
    await b.page.locator('ul.office-phones li', { hasText: 'HP A' }).waitFor();
    assert.deepEqual(await layoutProblems(b.page), []);
    // Opening the same file again changes nothing, and says so.
    assert.equal(
      await receive(b, hostB, fromA),
      'Tidak ada yang baru dari HP A: semua isinya sudah ada di HP ini.',
    );

    await b.button('Berkas').tap();
    await b.page.locator('button.case', { hasText: 'Siti Aminah' }).tap();
    await b.screen('Detail berkas');
    await b.page.getByText('2026-A0001').first().waitFor();
    const item = b.page.locator('ul.ticks > li').nth(0);
    await b.tap(item.locator('label.tick'));
    await b.page.waitForFunction(() => document.querySelectorAll('ul.ticks > li.item-received').length === 1);

    await b.button('Lainnya').tap();
    await b.button('Pengaturan').tap();
    await b.screen('Pengaturan');
    const fromB = await send(b, hostB);
    // A opens B's file from WhatsApp ("Buka dengan"), standing on Beranda: the app goes to
    // Pengaturan › HP kantor with the file ready.
    await a.button('Beranda').tap();
    await a.screen('Beranda');
    await hostA.openWith(fromB);
    await a.screen('Pengaturan');
    await a.page.getByText(`Berkas: ${fromB.name}`).waitFor();
    await a.page.locator('#sandi-sinkron').fill(PASS);
    await a.button('Buka berkas sinkron').tap();
    const said = a.page.locator('section.sync p.notice');
    await said.waitFor({ timeout: 30000 });
    assert.equal(await said.textContent(), '0 berkas baru, 1 perubahan dari HP B.');

    await a.button('Berkas').tap();
    await a.page.locator('button.case', { hasText: 'Siti Aminah' }).tap();
    await a.screen('Detail berkas');
    await a.page.waitForFunction(() => document.querySelectorAll('ul.ticks > li.item-received').length === 1);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await a.close();
    await b.close();
    await hostA.stop();
    await hostB.stop();
  }
});

/** Cadangan & pembaruan › Salinan otomatis: the office's folder, then back to Pengaturan. */
async function setFolder(p, dav) {
  const { page } = p;
  await p.button('Cadangan, pemulihan & pembaruan katalog').tap();
  await p.screen('Cadangan & pembaruan');
  await page.locator('#dav-url').fill(dav.url);
  await page.locator('#dav-pengguna').fill('desa');
  await page.locator('#dav-sandi').fill('rahasia');
  await page.locator('#dav-sandi-cadangan').fill(PASS);
  await p.button('Simpan salinan otomatis').tap();
  await page.getByText('Salinan otomatis disimpan.').waitFor();
  await p.button('Kembali').tap();
  await p.screen('Pengaturan');
}

/** Pengaturan › HP kantor: "Sinkron sekarang"; returns what the round said. */
async function syncNow(p) {
  const { page } = p;
  await p.button('Sinkron sekarang').tap();
  const said = page.locator('section.sync p.notice', { hasText: 'Sinkron selesai' });
  await said.waitFor({ timeout: 30000 });
  const text = await said.textContent();
  return text;
}

async function openSiti(p) {
  await p.button('Berkas').tap();
  await p.page.locator('button.case', { hasText: 'Siti Aminah' }).tap();
  await p.screen('Detail berkas');
}

test('(q) with the office\'s WebDAV folder: A\'s case reaches B, B\'s tick comes back', async () => {
  const dav = await startDav();
  const hostA = await startHost({ nowMs: START });
  const hostB = await startHost({ nowMs: START + 60_000 });
  const a = await phone(hostA, VIEWPORTS[1]);
  const b = await phone(hostB, VIEWPORTS[1]);
  try {
    await setCode(a, 'a');
    await setFolder(a, dav);
    await hostA.share('[30/11/26 08.10] Siti Aminah: pak mau buat surat domisili, WA 0812 3456 7810');
    await a.screen('Berkas baru');
    await a.page.waitForFunction(() => document.querySelector('#f-nama')?.value === 'Siti Aminah');
    await a.button('Simpan berkas').tap();
    await a.screen('Detail berkas');
    await a.page.getByText('2026-A0001').first().waitFor();
    await a.button('Lainnya').tap();
    await a.button('Pengaturan').tap();
    await a.screen('Pengaturan');
    await a.page.locator('#sinkron-status', { hasText: 'perubahan menunggu dikirim' }).waitFor();
    assert.match(await syncNow(a), /^Sinkron selesai: 0 berkas baru, 0 perubahan masuk, \d+ perubahan terkirim\.$/);

    await setCode(b, 'b');
    await setFolder(b, dav);
    assert.match(await syncNow(b), /^Sinkron selesai: 1 berkas baru, /);
    await b.page.locator('ul.office-phones li', { hasText: 'HP A' }).waitFor();
    await openSiti(b);
    await b.page.getByText('2026-A0001').first().waitFor();
    await b.tap(b.page.locator('ul.ticks > li').nth(0).locator('label.tick'));
    await b.page.waitForFunction(() => document.querySelectorAll('ul.ticks > li.item-received').length === 1);
    await b.button('Lainnya').tap();
    await b.button('Pengaturan').tap();
    await b.screen('Pengaturan');
    assert.match(await syncNow(b), /^Sinkron selesai: 0 berkas baru, 0 perubahan masuk, 1 perubahan terkirim\.$/);

    // A leaves Pengaturan and comes back (the line of its last round goes), then syncs.
    await a.button('Beranda').tap();
    await a.button('Lainnya').tap();
    await a.button('Pengaturan').tap();
    await a.screen('Pengaturan');
    assert.match(await syncNow(a), /^Sinkron selesai: 0 berkas baru, [1-9]\d* perubahan masuk, 0 perubahan terkirim\.$/);
    await openSiti(a);
    await a.page.waitForFunction(() => document.querySelectorAll('ul.ticks > li.item-received').length === 1);
    // Beranda says when the last sync was and that nothing waits.
    await a.button('Beranda').tap();
    const line = await a.page.locator('#beranda-sinkron').textContent();
    assert.match(line, /^Terakhir sinkron: .+ WIB · semua perubahan sudah terkirim$/);
    assert.deepEqual(await layoutProblems(a.page), []);
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
  } finally {
    await a.close();
    await b.close();
    await hostA.stop();
    await hostB.stop();
    await dav.stop();
  }
});
