// Flow (b): a WhatsApp message shared into the app becomes a case; the official ticks two
// documents, sends "belum lengkap" with exactly the missing ones, ticks the rest, sets the two
// conditional forms aside, and moves the case through Lengkap, Diproses (Dispendukcapil),
// Dokumen terbit and Selesai. The timeline shows every step.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, until, closeBrowser, screenshot, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

// The two SPTJM items are conditional and undecided: the resident is not asked for them.
const MISSING = [
  '1. Fotokopi Kartu Keluarga (KK)',
  '2. Fotokopi KTP-el ayah dan ibu',
].join('\n');

for (const viewport of VIEWPORTS) {
  test(`(b) a shared request lives its whole life through the screens, ${viewport.name}`, async () => {
    const host = await startHost();
    const p = await phone(host, viewport);
    const { page } = p;
    const item = (i) => page.locator('ul.ticks > li').nth(i);
    const received = (n) => page.waitForFunction((k) => document.querySelectorAll('ul.ticks > li.item-received').length === k, n);
    const status = (text) => page.locator('p.status', { hasText: text }).waitFor();
    try {
      await host.share('Assalamualaikum pak, mau bikin akte kelahiran anak saya. WA 0813 1111 2222');
      await p.screen('Berkas baru');
      assert.equal(await page.locator('.service-chosen').getAttribute('data-id'), 'akta-kelahiran');
      await p.type(page.locator('#f-nama'), 'Rina Wulandari');
      await p.tap(p.button('Simpan berkas'));
      await p.screen('Detail berkas');
      await status('Baru');

      await p.tap(item(0).locator('label.tick'));
      await received(1);
      await p.tap(item(1).locator('label.tick'));
      await received(2);
      await p.tap(page.locator('button[data-action="belum-lengkap"]'));
      await status('Belum lengkap');
      await page.waitForFunction(() => document.querySelector('#templat')?.value === 'belum-lengkap');
      const reply = await page.locator('#balasan').inputValue();
      assert.ok(reply.includes(`Yang masih kurang:\n${MISSING}\n`), reply);
      assert.ok(!reply.includes('SPTJM'), reply);
      await p.tap(p.button('Balas via WA'));
      const recorded = await until(host, (r) => r.chats.length === 1, 'the belum-lengkap message');
      assert.equal(recorded.chats[0].number, '6281311112222');
      assert.equal(recorded.chats[0].text, reply);
      await screenshot(p, 'detail-belum-lengkap');

      await p.tap(item(2).locator('label.tick'));
      await received(3);
      await p.tap(item(3).locator('label.tick'));
      await received(4);
      // Undecided conditions hold back "Lengkap" until the official decides each one.
      await page.getByText('2 syarat bersyarat belum diputuskan').waitFor();
      assert.equal(await page.getByText('Semua syarat sudah ada').count(), 0);
      await p.tap(item(5).getByRole('button', { name: 'Perlu', exact: true }));
      await item(5).locator('.req-state', { hasText: 'Perlu, masih kurang' }).waitFor();
      await page.locator('h3', { hasText: 'Syarat (1 masih kurang)' }).waitFor();
      // The parents turn out to have a marriage book after all.
      for (const i of [4, 5]) {
        await p.type(page.locator('#alasan'), 'Surat kelahiran dan buku nikah ada');
        await p.tap(item(i).getByRole('button', { name: 'Tidak perlu (isi alasan di bawah)' }));
        await item(i).locator('.req-state', { hasText: 'Tidak perlu' }).waitFor({ state: 'attached' });
      }
      await page.getByText('Semua syarat sudah ada: berkas bisa ditandai Lengkap.').waitFor();
      // Nothing missing or undecided: the checklist folds to one line, and the likely next step
      // (Lengkap) waits in the bar above the tabs; a move back is not the first button.
      const items = await page.locator('ul.ticks > li').count();
      await page.locator('details.folded > summary', { hasText: `${items}/${items} syarat ✓` }).waitFor();
      assert.equal(await item(5).isVisible(), false, 'folded away');
      await page.locator('.stepbar button[data-action="lengkap"]').waitFor();
      const back = await page.locator('.actions button').evaluateAll((bs) => bs.map((b) => b.classList.contains('backward')));
      assert.deepEqual(back, [...back].sort(), 'forward steps first, moves back last');
      assert.equal(await page.locator('.actions button.backward[data-action="belum-lengkap"]').count(), 1);
      // Opening the fold shows every item as decided.
      await page.locator('details.folded > summary').click();
      for (const i of [4, 5]) {
        await item(i).locator('.req-state', { hasText: 'Tidak perlu' }).waitFor();
      }
      for (const [action, shown] of [
        ['lengkap', 'Lengkap'],
        ['diproses:dispendukcapil', 'Diproses di Dispendukcapil'],
        ['dokumen-terbit', 'Dokumen terbit'],
        ['selesai', 'Selesai'],
      ]) {
        await p.tap(page.locator(`button[data-action="${action}"]`));
        await status(shown);
      }
      const timeline = await page.locator('ol.timeline').textContent();
      for (const step of [
        'Berkas dibuat (WhatsApp)',
        'Diterima: Surat keterangan kelahiran',
        'Diterima: Buku nikah / kutipan akta perkawinan orang tua',
        'Status: Belum lengkap: 1. Fotokopi Kartu Keluarga (KK)',
        'WhatsApp terkirim (Berkas belum lengkap)',
        'Diterima: Kartu Keluarga (KK)',
        'Diterima: KTP-el ayah dan ibu',
        'Perlu: SPTJM kebenaran pasangan suami istri',
        'Tidak perlu: SPTJM kebenaran data kelahiran, dengan 2 orang saksi (Surat kelahiran dan buku nikah ada)',
        'Status: Lengkap',
        'Status: Diproses di Dispendukcapil',
        'Status: Dokumen terbit',
        'Status: Selesai',
      ]) {
        assert.ok(timeline.includes(step), `timeline lacks "${step}":\n${timeline}`);
      }
      await screenshot(p, 'detail-selesai');
      // The timeline itself, for the README (the last step's toast taken off the picture; the
      // test ends here).
      await page.evaluate(() => {
        document.querySelectorAll('.toast').forEach((t) => t.remove());
        document.querySelector('ol.timeline')?.closest('section')?.scrollIntoView({ block: 'start' });
      });
      await screenshot(p, 'riwayat');
      assert.deepEqual(p.errors, []);
    } finally {
      await p.close();
      await host.stop();
    }
  });
}
