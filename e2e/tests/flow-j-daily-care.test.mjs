// Flow (j), issue 9: the daily care runs by itself once the first screen is up, off the screen's
// thread. The first start of a day takes that day's automatic copy. When the page-by-page check
// of another day finds the file damaged, Beranda says so at once and no copy is taken over the
// good ones; the next start sets the damaged file aside (kept, not deleted), opens the last
// copy with every case in it, and takes that day's copy again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startHost, phone, closeBrowser, layoutProblems, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

/** Thursday 26 November 2026 09.00 WIB, the host's default clock. */
const NOW = 1_795_658_400_000;
const DAY = 86_400_000;
const CASES = 20;

/** Waits (up to 20 s) until `path` exists: the care runs in the background after start. */
async function fileAppears(path) {
  for (let i = 0; i < 200; i += 1) {
    if (existsSync(path)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not appear`);
}

/**
 * Overwrites the first page of the events table's b-tree with 0xFF, the rest of the file
 * intact: opening (which checks the structure only) still works, the daily check finds it.
 * Python's sqlite3 reads where that page is; the host is stopped, so the file is at rest.
 */
function breakEventsTable(db) {
  execFileSync('python3', ['-c', `
import sqlite3, sys
db = sys.argv[1]
conn = sqlite3.connect(db)
conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'events'").fetchone()[0]
size = conn.execute("PRAGMA page_size").fetchone()[0]
conn.close()
with open(db, "r+b") as f:
    f.seek((root - 1) * size)
    f.write(b"\\xff" * size)
`, db]);
}

for (const viewport of VIEWPORTS) {
  test(`(j) daily care: automatic copy, damage told on Beranda, restored at the next start, ${viewport.name}`, async () => {
    // Day 1: the first screen comes up and the day's copy is taken behind it.
    let host = await startHost({ seedCases: CASES });
    const { dataDir } = host;
    const db = join(dataDir, 'layanan-desa.db');
    const copy = (day) => join(dataDir, 'cadangan', `otomatis-${day}.db`);
    let p = await phone(host, viewport);
    try {
      await p.screen('Beranda');
      await fileAppears(copy('20261126'));
      // The seeded book spans five years: its old closed cases pass the 24-month retention,
      // which the same care applies and tells on the screen that is already up, as information
      // (a status), not as a problem (an alert).
      await p.page.getByRole('status').filter({ hasText: /Data pribadi \d+ berkas lama dihapus/ }).waitFor();
      assert.deepEqual(await p.page.getByRole('alert').allTextContents(), [], 'nothing is wrong');
      // Read, it can be closed (issue 21: notices must not push the work off the screen).
      await p.tap(p.page.getByRole('status').filter({ hasText: /Data pribadi \d+ berkas lama dihapus/ }).getByRole('button', { name: 'Tutup' }));
      await p.page.getByRole('status').filter({ hasText: /Data pribadi \d+ berkas lama dihapus/ }).waitFor({ state: 'detached' });
      await p.close();
      await host.stop({ keepData: true });

      // Day 2: the events table is damaged while the app is closed.
      breakEventsTable(db);
      host = await startHost({ dataDir, nowMs: NOW + DAY });
      p = await phone(host, viewport);
      const alert = p.page.getByRole('alert').filter({ hasText: 'Pemeriksaan harian menemukan kerusakan' });
      await alert.waitFor({ timeout: 20000 });
      assert.match(await alert.textContent(), /tutup dan buka lagi aplikasi/);
      assert.ok(existsSync(join(dataDir, 'layanan-desa.db.kerusakan')), 'the damage is noted for the next start');
      assert.ok(!existsSync(copy('20261127')), 'no copy of a damaged file over the good ones');
      assert.deepEqual(await layoutProblems(p.page), []);
      await p.close();
      await host.stop({ keepData: true });

      // Day 2, an hour later: the damaged file is set aside, the day-1 copy opened and said.
      host = await startHost({ dataDir, nowMs: NOW + DAY + 3_600_000 });
      p = await phone(host, viewport);
      await p.page.getByRole('alert').filter({ hasText: 'Data dipulihkan dari cadangan otomatis otomatis-20261126.db' }).waitFor();
      assert.ok(!existsSync(join(dataDir, 'layanan-desa.db.kerusakan')), 'the note is dealt with');
      const aside = readdirSync(dataDir).filter((name) => name.startsWith('layanan-desa.db.rusak-'));
      assert.ok(aside.length >= 1, `the damaged file is kept aside: ${readdirSync(dataDir)}`);
      await p.tap(p.button('Berkas'));
      await p.screen('Berkas');
      // Every case, closed ones too (Berkas opens on those in progress).
      await p.tap(p.button('Semua'));
      await p.page.locator('button.chip[data-status=""][aria-pressed="true"]').waitFor();
      await p.page.locator('ul.cases button.case').first().waitFor();
      assert.equal(await p.page.locator('ul.cases button.case').count(), CASES);
      // And the restored book gets its own copy for the day.
      await fileAppears(copy('20261127'));
      assert.deepEqual(p.errors, []);
      assert.doesNotMatch(host.logs(), /panicked/);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
