import { parseArgs } from 'node:util';

export type DatabaseKind = 'pg' | 'pglite';

export interface BenchOptions {
  databases: DatabaseKind[];
  tickets: number;
  customers: number;
  /** Seconds per HTTP load phase. */
  duration: number;
  /** Keep the seeded database (and reuse it on the next run with the same sizes). */
  keep: boolean;
  /** Only seed (and keep) the database, for a later `--keep` run to measure. */
  seedOnly: boolean;
  /** PostgreSQL server to create the bench database on (any database name in it is replaced). */
  pgUrl: string;
}

export const usage = `npm run bench -- [--db pg|pglite|both] [--tickets N] [--customers N] [--duration S] [--keep] [--seed-only]
                       [--pg-url postgres://postgres@127.0.0.1:5432]`;

function wholeNumber(name: string, raw: string, min: number): number {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} takes a whole number ≥ ${min} (got "${raw}")`);
  return n;
}

/** Parses the command line of `npm run bench`. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string', default: 'both' },
      tickets: { type: 'string', default: '1000000' },
      customers: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '10' },
      keep: { type: 'boolean', default: false },
      'seed-only': { type: 'boolean', default: false },
      'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const db = values.db;
  if (db !== 'pg' && db !== 'pglite' && db !== 'both') throw new Error('--db takes pg, pglite or both');
  return {
    databases: db === 'both' ? ['pg', 'pglite'] : [db],
    tickets: wholeNumber('tickets', values.tickets, 0),
    customers: wholeNumber('customers', values.customers, 1),
    duration: wholeNumber('duration', values.duration, 1),
    keep: values.keep || values['seed-only'],
    seedOnly: values['seed-only'],
    pgUrl: values['pg-url'],
  };
}
