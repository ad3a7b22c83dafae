// Flow (f): on a seeded case book, the Laporan screen shows the numbers that
// `layanan-desa report` prints for the same database file, period and moment, for the cases
// written in the month and for the cases that became ready in it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startHost, phone, closeBrowser, screenshot, until, targetDir, VIEWPORTS } from '../lib.mjs';

/** The host's clock unless a flow sets it (`DEFAULT_NOW_MS` in src/bin/e2e_host.rs). */
const DEFAULT_NOW_MS = 1_795_658_400_000;

after(closeBrowser);

/** Thursday 26 November 2026 09.00 WIB, the host's default clock. */
const NOW_MS = 1795658400000;

for (const viewport of VIEWPORTS) {
  test(`(f) Laporan shows the numbers of a seeded case book, ${viewport.name}`, async () => {
    const host = await startHost({ seedCases: 3000 });
    const p = await phone(host, viewport);
    try {
      await p.tap(p.button('Laporan'));
      await p.screen('Laporan');
      await p.page.locator('pre.summary').waitFor();
      const report = (...extra) => execFileSync(
        join(targetDir, 'debug', 'layanan-desa'),
        ['report', '--db', join(host.dataDir, 'layanan-desa.db'), '--from', '2026-11-01', '--to', '2026-11-30', '--now-ms', String(NOW_MS), ...extra],
        { encoding: 'utf8' },
      ).trimEnd();
      const cli = report();
      assert.equal((await p.page.locator('pre.summary').textContent()).trimEnd(), cli);

      const received = Number(cli.match(/^Berkas masuk: (\d+)/m)[1]);
      const [, ready, done, cancelled, open] = cli.match(/^Sudah siap: (\d+) · Selesai: (\d+) · Dibatalkan: (\d+) · Masih berjalan: (\d+)/m).map(Number);
      assert.ok(received > 20, `a seeded month has cases (${received})`);
      const card = async (name) => Number(await p.page.locator('dl.cards div', { has: p.page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').textContent());
      assert.equal(await card('Masuk'), received);
      assert.equal(await card('Sudah siap'), ready);
      assert.equal(await card('Selesai'), done);
      assert.equal(await card('Dibatalkan'), cancelled);
      assert.equal(await card('Masih berjalan'), open);
      // One bar per service in the chart, as many as rows in the table (minus the total).
      const bars = await p.page.locator('figure.chart').first().locator('rect').count();
      const rows = await p.page.locator('table.per-service tbody tr').count();
      assert.equal(bars, 2 * (rows - 1));
      await screenshot(p, 'laporan-terisi');

      // "Berkas yang siap": the cases that became ready this month, as `--menurut siap`.
      await p.tap(p.button('Berkas yang siap'));
      await p.page.getByText('1–30 November 2026 · berkas yang siap').waitFor();
      const readyCli = report('--menurut', 'siap');
      assert.equal((await p.page.locator('pre.summary').textContent()).trimEnd(), readyCli);
      assert.equal(await card('Siap'), Number(readyCli.match(/^Berkas siap: (\d+)/m)[1]));
      await p.tap(p.button('Berkas yang masuk'));
      await p.page.getByText('1–30 November 2026 · berkas yang masuk').waitFor();

      // The CSV export goes through the share sheet from the private cache: nothing is saved
      // where other apps read unless the official asks ("Simpan keduanya ke Unduhan", offered
      // only without residents' contacts, and the screen says what that means).
      await p.tap(p.button('Bagikan ringkasan (CSV)'));
      await until(host, (r) => r.privateShares.length === 1, 'the summary shared');
      await p.tap(p.page.locator('#csv-kontak'));
      // No public copy with contacts: the button goes away while the box is ticked.
      await p.button('Simpan keduanya ke Unduhan').waitFor({ state: 'detached' });
      await p.tap(p.button('Bagikan daftar berkas (CSV)'));
      await p.page.getByText('berisi data pribadi warga').first().waitFor();
      let recorded = await until(host, (r) => r.privateShares.length === 2, 'the list shared');
      assert.match(recorded.privateShares[0].name, /-ringkasan\.csv$/);
      assert.match(recorded.privateShares[1].name, /-berkas\.csv$/);
      assert.equal(recorded.saved.length, 0, 'nothing saved publicly');
      await p.tap(p.page.locator('#csv-kontak'));
      await p.tap(p.button('Simpan keduanya ke Unduhan'));
      await p.page.getByText('bisa dibuka aplikasi lain').first().waitFor();
      recorded = await until(host, (r) => r.saved.length === 2, 'two files saved on request');
      assert.deepEqual(recorded.saved.map((f) => f.name.replace(/^.*-/, '')), ['ringkasan.csv', 'berkas.csv']);

      // "Salin teks": the summary goes on the clipboard and leaves it a minute later.
      await p.tap(p.page.getByRole('button', { name: 'Salin teks' }).first());
      await p.page.getByText('Setelah 1 menit teks dihapus dari papan klip').waitFor();
      const copied = await until(host, (r) => r.clipboard !== null, 'copied');
      assert.match(copied.clipboard, /Ringkasan layanan Desa/);
      await host.setClock(DEFAULT_NOW_MS + 61_000);
      await until(host, (r) => r.clipboard === null, 'cleared after a minute');

      // "Kirim ke Kepala Desa" sits in the bar at the foot, on screen wherever the page is
      // scrolled; without the kepala desa's number the share sheet opens with the summary.
      const send = p.button('Kirim ke Kepala Desa');
      await p.page.evaluate(() => window.scrollTo(0, 0));
      const box = await send.boundingBox();
      assert.ok(box && box.y + box.height <= viewport.height, 'in reach at the top of the screen');
      const sharedBefore = (await host.recorded()).shares.length;
      await p.tap(send);
      await p.page.getByText('Nomor Kepala Desa belum diisi di Pengaturan').waitFor();
      const shared = await until(host, (r) => r.shares.length === sharedBefore + 1, 'the summary to the share sheet');
      assert.equal(shared.shares.at(-1).trimEnd(), cli);

      // A picked date shows its period at once: no "Tampilkan" to tap.
      assert.equal(await p.button('Tampilkan').count(), 0);
      await p.page.locator('#lapor-dari').fill('2026-11-10');
      await p.page.locator('section.report h2', { hasText: '10–30 November 2026' }).waitFor();
      // Whatever order the date field shows (the phone's language), the day is also written
      // out in Indonesian under it.
      await p.page.locator('#lapor-dari ~ p.date-words', { hasText: 'Selasa, 10 November 2026' }).waitFor();
      assert.equal(await p.page.locator('#lapor-sampai ~ p.date-words').textContent(), 'Senin, 30 November 2026');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
