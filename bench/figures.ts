/** One measured figure, as written to bench/results.json. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  database: 'postgres' | 'pglite';
  tickets: number;
  customers: number;
  notes?: string;
}

/** A figure with the goal it is held against (only in the printed table). */
export interface Measured extends Figure {
  target?: { op: '<' | '≥' | '='; value: number };
}

/** Nearest-rank percentile of an unsorted list (0 when empty). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Collects the figures of one database run. */
export class FigureList {
  readonly items: Measured[] = [];

  constructor(
    private readonly database: Figure['database'],
    private readonly tickets: number,
    private readonly customers: number,
  ) {}

  add(name: string, value: number, unit: string, extra: Pick<Measured, 'notes' | 'target'> = {}) {
    this.items.push({
      name,
      value: round(value),
      unit,
      database: this.database,
      tickets: this.tickets,
      customers: this.customers,
      ...extra,
    });
  }

  /** Appends to the notes of the named figure. */
  annotate(name: string, note: string) {
    const f = this.items.find((x) => x.name === name);
    if (f) f.notes = f.notes ? `${f.notes}; ${note}` : note;
  }
}

export function met(f: Measured): boolean | undefined {
  if (!f.target) return undefined;
  if (f.target.op === '<') return f.value < f.target.value;
  if (f.target.op === '≥') return f.value >= f.target.value;
  return f.value === f.target.value;
}

const width = (s: string) => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));
const padLeft = (s: string, n: number) => ' '.repeat(Math.max(0, n - width(s))) + s;

function formatValue(v: number): string {
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Number.isInteger(v)) return String(v);
  return v.toFixed(Math.abs(v) >= 100 ? 1 : 2);
}

/** The closing table: figure, value, unit, target, met? — one section per database. */
export function formatTable(figures: readonly Measured[]): string {
  const rows = figures.map((f) => {
    const ok = met(f);
    return {
      db: f.database,
      cells: [
        f.name,
        formatValue(f.value),
        f.unit,
        f.target ? `${f.target.op} ${formatValue(f.target.value)}` : '',
        ok === undefined ? '' : ok ? 'yes' : 'NO',
      ],
    };
  });
  const head = ['figure', 'value', 'unit', 'target', 'met?'];
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r.cells[i]!))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 1 ? padLeft(c, widths[i]!) : pad(c, widths[i]!))).join('  ');
  const out: string[] = [];
  let current = '';
  for (const r of rows) {
    if (r.db !== current) {
      current = r.db;
      const f = figures.find((x) => x.database === r.db)!;
      out.push(
        '',
        `== ${r.db} (${f.tickets.toLocaleString('en-US')} work orders, ${f.customers.toLocaleString('en-US')} customers) ==`,
      );
      out.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '));
    }
    out.push(line(r.cells));
  }
  return out.join('\n');
}
