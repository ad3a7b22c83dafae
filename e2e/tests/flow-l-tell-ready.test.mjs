// Flow (l): "Kabari semua yang siap diambil" across cases whose papers are ready. Four residents
// ask (three over WhatsApp, one in person without a number); their letters are made and ready. From
// Beranda one tap starts the walk; each resident then takes one tap: "Kirim via WA" opens
// WhatsApp with that resident's own message (recorded by the test platform) and the next
// resident shows at once; the one without a number says so and offers only "Lewati". The sent
// messages go into the timelines, so the walk ends and Beranda's button goes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHost, phone, until, closeBrowser, screenshot, layoutProblems, seriousA11y, contrastProblems, wib, VIEWPORTS } from '../lib.mjs';

after(closeBrowser);

const START = wib(2026, 11, 30, 9, 0);
// Siti and Hasan are addressed as the official chose on their case ("Sapa warga sebagai").
const RESIDENTS = [
  { name: 'Siti Aminah', wa: '0812 3456 7890', digits: '6281234567890', sapaan: 'Ibu' },
  { name: 'Darto', wa: null },
  { name: 'Rina Wulandari', wa: '0813 5555 1212', digits: '6281355551212' },
  { name: 'Hasan Basri', wa: '0857 2222 3434', digits: '6285722223434', sapaan: 'Bapak' },
];

/** A resident's message shared into the app, saved, and taken to "Siap diambil" (set-up). */
async function readyCase(host, p, { name, wa, sapaan }, i) {
  const { page } = p;
  const text = `[30/11/26 08.1${i}] ${name}: pak mau buat surat domisili${wa ? `, WA ${wa}` : ''}`;
  await host.share(text);
  await p.screen('Berkas baru');
  await page.waitForFunction((n) => document.querySelector('#f-nama')?.value === n, name);
  // Without a number the resident came to the office in person (a WhatsApp case needs one).
  if (!wa) {
    await page.locator('details.later > summary').tap();
    await page.locator('#f-saluran').selectOption('datang');
  }
  await p.button('Simpan berkas').tap();
  await p.screen('Detail berkas');
  const items = page.locator('ul.ticks > li');
  for (let k = 0; k < await items.count(); k += 1) {
    await items.nth(k).locator('label.tick').tap();
    await page.waitForFunction((n) => document.querySelectorAll('ul.ticks > li.item-received').length === n, k + 1);
  }
  for (const [action, shown] of [['lengkap', 'Lengkap'], ['diproses:desa', 'Diproses di kantor desa'], ['siap-diambil', 'Siap diambil']]) {
    await page.locator(`button[data-action="${action}"]`).first().tap();
    await page.locator('p.status', { hasText: shown }).waitFor();
  }
  if (sapaan) {
    // The reply is written again with the greeting, in the box and in the bubble.
    await page.locator('button.chip', { hasText: new RegExp(`^${sapaan}$`) }).tap();
    await page.waitForFunction((t) => document.querySelector('#balasan')?.value.includes(t), `Kabar baik, ${sapaan} ${name}:`);
    assert.match(await page.locator('.reply .wa-bubble').textContent(), new RegExp(`Kabar baik, ${sapaan} ${name}:`));
    assert.equal(await page.locator(`button.chip[data-sapaan="${sapaan.toLowerCase()}"]`).getAttribute('aria-pressed'), 'true');
  }
}

test('(l) Kabari semua yang siap diambil: one tap per resident', async () => {
  const host = await startHost({ nowMs: START });
  const p = await phone(host, VIEWPORTS[0]);
  const { page } = p;
  try {
    for (const [i, resident] of RESIDENTS.entries()) await readyCase(host, p, resident, i);
    await p.button('Beranda').tap();
    await p.screen('Beranda');
    p.counts.taps = 0;
    p.counts.typed = 0;

    await p.tap(p.button(`Kabari semua yang siap diambil (${RESIDENTS.length})`));
    await p.screen('Kabari warga');
    for (const [i, resident] of RESIDENTS.entries()) {
      await page.locator('article.tell-ready h2', { hasText: resident.name }).waitFor();
      assert.equal((await page.locator('p.progress').textContent()).trim(), `Warga ke-${i + 1} dari ${RESIDENTS.length}`);
      // The message as the resident's WhatsApp draws it: the service in bold, no raw marks.
      const bubble = page.locator('.wa-bubble');
      const greeting = `${resident.sapaan ?? 'Bapak/Ibu'} ${resident.name}`;
      assert.match(await bubble.textContent(), new RegExp(`${greeting}: Surat keterangan domisili`));
      assert.equal(await bubble.locator('.wa-b').first().textContent(), 'Surat keterangan domisili');
      assert.doesNotMatch(await bubble.textContent(), /[*_]/);
      if (i === 0) {
        await screenshot(p, 'kabari-warga');
        assert.deepEqual(await layoutProblems(page), []);
        assert.deepEqual(await seriousA11y(page), []);
        assert.deepEqual(await contrastProblems(p), []);
      }
      const chatsBefore = (await host.recorded()).chats.length;
      if (resident.wa) {
        await p.tap(p.button('Kirim via WA'));
        const r = await until(host, (rec) => rec.chats.length === chatsBefore + 1, `the message to ${resident.name}`);
        const chat = r.chats.at(-1);
        assert.equal(chat.number, resident.digits);
        assert.match(chat.text, new RegExp(`${greeting}: \\*Surat keterangan domisili\\*`));
        assert.match(chat.text, /sudah jadi dan bisa diambil/);
      } else {
        await page.getByText('Berkas ini tidak punya nomor WhatsApp').waitFor();
        assert.equal(await p.button('Kirim via WA').count(), 0);
        await p.tap(p.button('Lewati'));
      }
    }
    await page.getByRole('heading', { name: 'Semua sudah dikabari' }).waitFor();
    await page.getByText('3 warga dikabari, 1 dilewati.').waitFor();
    const taps = { ...p.counts };
    console.log(`# taps, telling ${RESIDENTS.length} residents whose papers are ready: ${taps.taps} taps and ${taps.typed} typed fields`);
    assert.deepEqual(taps, { taps: 1 + RESIDENTS.length, typed: 0 });
    assert.equal((await host.recorded()).chats.length, 3);

    // Told residents leave the list; the one skipped (no number) stays until told another way.
    await p.tap(p.button('Kembali ke Beranda'));
    await p.screen('Beranda');
    await p.button('Kabari semua yang siap diambil (1)').waitFor();
    // The sent message is in the case's timeline.
    await p.tap(p.button('Berkas'));
    await p.tap(page.locator('button.case', { hasText: 'Rina Wulandari' }));
    await p.screen('Detail berkas');
    await page.locator('.timeline', { hasText: 'Kabar baik, Bapak/Ibu Rina Wulandari' }).waitFor({ state: 'attached' });
    assert.deepEqual(p.errors, []);
  } finally {
    await p.close();
    await host.stop();
  }
});
