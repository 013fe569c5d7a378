import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phoneDigits } from '../../shop/clients/find';
import { salesShop, type SalesEnv } from './sales-fixture';

/** clients.find against the demo shop's clients (real SQLite), in Latin, Georgian and Cyrillic shops. */
let en: SalesEnv;
beforeAll(async () => {
  en = await salesShop({ language: 'en', openShift: false });
});
afterAll(() => en.dispose());

type Found = { id: string; name: string; phone: string | null; discountBp: number }[];

describe('clients.find', () => {
  it('finds by the last digits of the phone, by the local number and by the full number however it is typed', async () => {
    for (const query of ['123456', '599123456', '+995 599 12-34-56', '(599) 123 456']) {
      const found = (await en.ok(en.cashier, 'clients.find', { query })) as Found;
      expect(found, query).toEqual([{ id: expect.any(String), name: 'Tamar Japaridze', phone: '+995599123456', discountBp: 1000 }]);
    }
    // digits in the middle are not a suffix
    expect(await en.ok(en.cashier, 'clients.find', { query: '5991234' })).toEqual([]);
  });

  it('finds by any part of the name, case-insensitively', async () => {
    const found = (await en.ok(en.cashier, 'clients.find', { query: 'JAPAR' })) as Found;
    expect(found.map((c) => c.name)).toEqual(['Tamar Japaridze']);
    const many = (await en.ok(en.cashier, 'clients.find', { query: 'a' })) as Found;
    expect(many.length).toBe(6);
  });

  it('finds Georgian and Cyrillic names, ё as е', async () => {
    const ka = await salesShop({ language: 'ka', openShift: false });
    const ru = await salesShop({ language: 'ru', openShift: false });
    try {
      expect(((await ka.ok(ka.cashier, 'clients.find', { query: 'ჯაფარიძე' })) as Found).map((c) => c.name)).toEqual(['თამარ ჯაფარიძე']);
      expect(((await ru.ok(ru.cashier, 'clients.find', { query: 'федоров' })) as Found).map((c) => c.name)).toEqual(['Игорь Фёдоров']);
      expect(((await ru.ok(ru.cashier, 'clients.find', { query: 'ИВАНОВА' })) as Found).map((c) => c.discountBp)).toEqual([1000]);
    } finally {
      ka.dispose();
      ru.dispose();
    }
  });

  it('returns at most 20, skips archived clients', async () => {
    const insert = en.db.prepare(
      `INSERT INTO clients (id, shop_id, name, phone, discount_bp, archived, created_at, updated_at)
       SELECT lower(hex(randomblob(16))), id, ?, ?, 0, ?, '2026-01-01', '2026-01-01' FROM shops`,
    );
    for (let i = 0; i < 30; i++) insert.run(`Bulk client ${i}`, `+99555500${String(i).padStart(4, '0')}`, 0);
    insert.run('Archived Zebra', '+995555999999', 1);
    expect(((await en.ok(en.cashier, 'clients.find', { query: 'bulk' })) as Found).length).toBe(20);
    expect(await en.ok(en.cashier, 'clients.find', { query: 'zebra' })).toEqual([]);
    expect(await en.ok(en.cashier, 'clients.find', { query: '999999' })).toEqual([]);
  });

  it('refuses an empty query and needs clients.view', async () => {
    expect(await en.call(en.cashier, 'clients.find', { query: '  ' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', messageKey: 'errors:clients.queryRequired', field: 'query' },
    });
    const courier = await en.signedIn('courier');
    expect(await en.call(courier, 'clients.find', { query: 'tamar' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('phone digits ignore everything but digits', () => {
    expect(phoneDigits('+995 (599) 12-34-56')).toBe('995599123456');
  });
});
