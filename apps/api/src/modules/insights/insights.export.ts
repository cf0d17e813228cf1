import { PassThrough, type Readable } from 'node:stream';
import type { Lang } from '@manyi/contracts';
import ExcelJS from 'exceljs';

/** A column of an exported table: its heading in both languages and how to read it from a row. */
export interface ExportColumn<T> {
  zh: string;
  en: string;
  value: (row: T) => string | number | null;
  /** Excel number format, e.g. '0.0%'. */
  numFmt?: string;
}

function csvCell(v: string | number | null): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote when needed; a leading = + - @ is prefixed so that Excel does not run it as a formula.
  const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Streams rows (from an async source, page by page) as CSV with a UTF-8 BOM — Excel then reads Chinese
 * correctly — or as XLSX through ExcelJS's streaming writer, so a long list never sits in memory whole.
 */
export function exportStream<T>(
  format: 'csv' | 'xlsx',
  lang: Lang,
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T[]>,
): Readable {
  const out = new PassThrough();
  const heading = columns.map((c) => c[lang]);
  const run = async () => {
    if (format === 'csv') {
      out.write(`\uFEFF${heading.map(csvCell).join(',')}\r\n`);
      for await (const page of rows) {
        const chunk = page.map((r) => `${columns.map((c) => csvCell(c.value(r))).join(',')}\r\n`).join('');
        if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
      }
      out.end();
      return;
    }
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
    const ws = wb.addWorksheet(sheetName.slice(0, 31));
    ws.columns = columns.map((c) => ({ header: c[lang], width: Math.max(10, c[lang].length * 2 + 2) }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const page of rows) {
      for (const r of page) {
        const row = ws.addRow(columns.map((c) => c.value(r)));
        columns.forEach((c, i) => {
          if (c.numFmt) row.getCell(i + 1).numFmt = c.numFmt;
        });
        row.commit();
      }
    }
    ws.commit();
    await wb.commit();
  };
  run().catch((err) => out.destroy(err as Error));
  return out;
}

/** A file name safe in a Content-Disposition header (ASCII fallback + UTF-8 name). */
export function contentDisposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
