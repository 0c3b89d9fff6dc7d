import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value for COPY's text format: null, strings, numbers, booleans, bigint, string arrays or JSON. */
export type CopyValue = string | number | bigint | boolean | null | string[] | { json: unknown };

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function arrayLiteral(items: string[]): string {
  return `{${items.map((i) => `"${i.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

function field(value: CopyValue): string {
  if (value === null) return '\\N';
  if (Array.isArray(value)) return escape(arrayLiteral(value));
  if (typeof value === 'object') return escape(JSON.stringify(value.json));
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escape(String(value));
}

/** Streams rows into a table with COPY FROM STDIN (hundreds of thousands of rows a second). */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<CopyValue[]>,
  onRows?: (n: number) => void,
): Promise<number> {
  let count = 0;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const source = Readable.from(
    (function* () {
      let batch: string[] = [];
      for (const row of rows) {
        batch.push(row.map(field).join('\t'));
        count += 1;
        if (batch.length === 5000) {
          yield batch.join('\n') + '\n';
          onRows?.(batch.length);
          batch = [];
        }
      }
      if (batch.length) {
        yield batch.join('\n') + '\n';
        onRows?.(batch.length);
      }
    })(),
  );
  await pipeline(source, stream);
  return count;
}
