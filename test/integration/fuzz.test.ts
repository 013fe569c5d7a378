import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { z } from 'zod';
import type { ClientState, HandlerMap } from '../../shop/api/define';
import type { ApiResult } from '../../shop/api/errors';
import { handlers } from '../../shop/api/handlers';
import { tempBackend } from '../helpers/tempBackend';

/**
 * Every method, as the owner of a populated demo shop, with random inputs: wrong types, missing and
 * unknown fields, absurd numbers, 100 KB strings, random and real ids. The answer is never an internal
 * error or a thrown exception, and a refused call leaves every table exactly as it was.
 */
const api: HandlerMap = handlers;
const METHODS = Object.keys(api).sort();
const RUNS_PER_METHOD = 30;
// Refusals that are meant to commit (RefusalAfterWrites): a failed sign-in's counter and audit entry.
const REFUSALS_THAT_WRITE = new Set(['bad_credentials', 'locked_out']);

/** Every refusal must reach a person as a sentence: its key exists in the English error files. */
const errorFiles = new Map<string, Record<string, unknown>>();
function isTranslated(messageKey: string): boolean {
  const match = /^errors:([a-z]+)\.([a-zA-Z0-9_]+)$/.exec(messageKey);
  if (!match) return false;
  const [, area = '', key = ''] = match;
  if (!errorFiles.has(area)) {
    const file = join(__dirname, '../../locales/en/errors', `${area}.json`);
    errorFiles.set(area, existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {});
  }
  return typeof errorFiles.get(area)?.[key] === 'string';
}

let env: ReturnType<typeof tempBackend>;
let ownerId: string;
let realIds: string[];
const internals: unknown[] = [];

function fingerprint(): string {
  const db = env.backend.db;
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name`)
    .all() as { name: string }[];
  const hash = createHash('sha1');
  for (const { name } of tables) {
    const rows = db.prepare(`SELECT * FROM "${name}"`).raw().iterate() as Iterable<unknown[]>;
    hash.update(`\u0001${name}`);
    for (const row of rows) {
      for (const v of row) {
        hash.update(v instanceof Uint8Array ? v : `\u0002${typeof v}:${String(v)}`);
      }
      hash.update('\u0003');
    }
  }
  return hash.digest('hex');
}

const totalChanges = () => (env.backend.db.prepare(`SELECT total_changes() AS n`).get() as { n: number }).n;

/**
 * The content fingerprint is costly on a demo shop, so it is only recomputed after a statement
 * changed rows (total_changes counts rolled-back changes too): most refusals write nothing at all.
 */
let last: { changes: number; fingerprint: string } | null = null;
function snapshot(): { changes: number; fingerprint: string } {
  const changes = totalChanges();
  if (last === null || last.changes !== changes) last = { changes, fingerprint: fingerprint() };
  return last;
}

beforeAll(async () => {
  env = tempBackend({ log: (e) => internals.push(e) });
  const res = await env.backend.call(env.backend.newClient(), 'shops.setup', { mode: 'demo', language: 'ru' });
  if (!res.ok) throw new Error(JSON.stringify(res.error));
  const db = env.backend.db;
  ownerId = (db.prepare(`SELECT id FROM users WHERE role = 'owner' LIMIT 1`).get() as { id: string }).id;
  const ids = (sql: string) => (db.prepare(sql).all() as { id: string }[]).map((r) => r.id);
  realIds = [
    ...ids(`SELECT id FROM users`),
    ...ids(`SELECT id FROM products LIMIT 20`),
    ...ids(`SELECT id FROM categories LIMIT 5`),
    ...ids(`SELECT id FROM clients LIMIT 5`),
    ...ids(`SELECT id FROM audit_log LIMIT 3`),
    ...ids(`SELECT code AS id FROM barcodes LIMIT 10`),
  ];
}, 60_000);
afterAll(() => env.dispose());

/** Anything at all: wrong types, absurd numbers, huge strings, injection-looking text, random and real ids. */
function wildValue(): fc.Arbitrary<unknown> {
  const scalar = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('x'.repeat(100_000), 'ვარდი'.repeat(20_000), ' ', '', '\u0000', '%', '_', "' OR 1=1 --", '"*"', 'NEAR(a b)'),
    fc.integer(),
    fc.constantFrom(-1, 0, 1, -0, 0.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e21, 1e308, -1e308, Number.NaN, Infinity, -Infinity),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.uuid(),
    fc.constantFrom(...realIds),
    fc.constantFrom('1234', '12345678', 'password-123', '4006381333931', '96385074', '036000291452', 'ABC-123'),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  );
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
}

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;
const checksOf = (def: Def) => ((def.checks ?? []) as z.ZodType[]).map((c) => defOf(c) as Def & Record<string, unknown>);

/**
 * Values shaped by the handler's own schema (right keys, plausible types, real ids), each leaf
 * sometimes swapped for a wild value: inputs that get past the first check and reach the handler.
 */
function plausible(schema: z.ZodType, wild: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const gen = (s: unknown) => plausible(s as z.ZodType, wild);
  const leaf = (a: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: a, weight: 5 }, { arbitrary: wild, weight: 1 });
  switch (def.type) {
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, gen(v)])));
    }
    case 'optional':
    case 'default':
      return fc.option(gen(def.innerType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(gen(def.innerType), { nil: null, freq: 3 });
    case 'pipe':
      return gen(def.in);
    case 'array':
      return leaf(fc.array(gen(def.element), { maxLength: 5 }));
    case 'union':
      return fc.oneof(...(def.options as z.ZodType[]).map(gen));
    case 'enum':
      return leaf(fc.constantFrom(...Object.values(def.entries as Record<string, string>)));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'boolean':
      return leaf(fc.boolean());
    case 'number': {
      let min = -1000;
      let max = 1_000_000;
      for (const c of checksOf(def)) {
        if (c.check === 'greater_than' && typeof c.value === 'number') min = Math.max(-1e9, c.value);
        if (c.check === 'less_than' && typeof c.value === 'number') max = Math.min(1e9, c.value);
      }
      return leaf(fc.integer({ min: Math.ceil(Math.min(min, max)), max: Math.floor(Math.max(min, max)) }));
    }
    case 'string': {
      if (def.format === 'uuid') return leaf(fc.oneof(fc.uuid(), fc.constantFrom(...realIds)));
      if (def.format === 'datetime') return leaf(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()));
      const pattern = checksOf(def).find((c) => c.format === 'regex')?.pattern;
      const max = checksOf(def).find((c) => c.check === 'max_length')?.maximum;
      const text = fc.oneof(
        fc.string({ minLength: 1, maxLength: typeof max === 'number' ? Math.min(max, 40) : 40 }),
        fc.constantFrom('Роза', 'ვარდი', 'Атқұлақ', 'Lola', '1234', '4006381333931', 'secret-pass-1'),
      );
      return leaf(pattern instanceof RegExp ? fc.oneof(fc.stringMatching(pattern), text) : text);
    }
    default:
      return wild;
  }
}

function inputFor(method: string): fc.Arbitrary<unknown> {
  const wild = wildValue();
  const schema = api[method]?.input;
  return schema ? fc.oneof({ arbitrary: plausible(schema, wild), weight: 3 }, { arbitrary: wild, weight: 1 }) : wild;
}

async function callAsOwner(method: string, input: unknown): Promise<ApiResult<unknown>> {
  const client: ClientState = env.backend.newClient();
  client.userId = ownerId;
  return env.backend.call(client, method, input);
}

describe('fuzzing every handler', () => {
  it('covers the whole map', () => {
    expect(METHODS.length).toBeGreaterThan(10);
  });

  it.each(METHODS)('%s: never internal, never throws, refusals write nothing', async (method) => {
    await fc.assert(
      fc.asyncProperty(inputFor(method), async (input) => {
        const before = snapshot();
        let res: ApiResult<unknown>;
        try {
          res = await callAsOwner(method, input);
        } catch (e) {
          throw new Error(`${method} threw: ${String(e)}`);
        }
        if (res.ok) return;
        expect(res.error.code, JSON.stringify(internals.at(-1) instanceof Error ? (internals.at(-1) as Error).stack : internals.at(-1))).not.toBe('internal');
        expect(isTranslated(res.error.messageKey), `${res.error.messageKey} has no English text`).toBe(true);
        if (!REFUSALS_THAT_WRITE.has(res.error.code) && totalChanges() !== before.changes) {
          // Something was written and (we expect) rolled back: the content must be exactly as before.
          expect(fingerprint(), `${method} refused with ${res.error.code} but wrote`).toBe(before.fingerprint);
        }
      }),
      { numRuns: RUNS_PER_METHOD },
    );
  });
});
