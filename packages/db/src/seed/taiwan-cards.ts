// Builds the demo retail card portfolio from the Taiwan credit card data (data/taiwan-credit-default.csv,
// CC BY 4.0, see data/README.md): one obligor and one card per client.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse';
import type { ExposureRow, ObligorRow } from './bulk-load.ts';

export const TAIWAN_CSV = fileURLToPath(new URL('../../../../data/taiwan-credit-default.csv', import.meta.url));
export const CARD_LGD = '0.6500';

export interface TaiwanClient {
  id: number;
  limit: number;
  /** BILL_AMT1..6: Sept back to Apr 2005. */
  bills: number[];
  /** PAY_0, PAY_2..PAY_6: months of delay, Sept back to Apr (-2..0 = not late). */
  delays: number[];
}

function num(row: Record<string, string>, column: string, line: number): number {
  const value = Number(row[column]); // Number() reads the file's Excel notation, e.g. 5.00E+05
  if (!Number.isFinite(value)) throw new Error(`${TAIWAN_CSV}: row ${line}, column ${column}: "${row[column]}" is not a number`);
  return value;
}

export async function readTaiwanClients(file = TAIWAN_CSV): Promise<TaiwanClient[]> {
  const clients: TaiwanClient[] = [];
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, trim: true }));
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    line += 1;
    clients.push({
      id: num(row, 'ID', line),
      limit: num(row, 'LIMIT_BAL', line),
      bills: [1, 2, 3, 4, 5, 6].map((k) => num(row, `BILL_AMT${k}`, line)),
      delays: ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'].map((c) => num(row, c, line)),
    });
  }
  return clients;
}

const money = (value: number): string => Math.max(0, value).toFixed(2);

/** Days past due implied by a repayment status (months of delay; -2..0 mean not late). */
export const daysPastDue = (delayMonths: number): number => (delayMonths > 0 ? delayMonths * 30 : 0);

export function cardStatus(dpd: number): ExposureRow['status'] {
  if (dpd >= 90) return 'DEFAULTED'; // the Basel 90-days-past-due backstop
  if (dpd >= 30) return 'WATCHLIST';
  return 'PERFORMING';
}

export function taiwanCardRows(clients: TaiwanClient[]): { obligors: ObligorRow[]; exposures: ExposureRow[] } {
  const obligors: ObligorRow[] = [];
  const exposures: ExposureRow[] = [];
  for (const c of clients) {
    const dpd = daysPastDue(c.delays[0]!);
    obligors.push({
      externalId: `TW-${c.id}`,
      name: `Cardholder ${String(c.id).padStart(5, '0')}`,
      segment: 'RETAIL',
      sector: 'Households',
      country: 'TW',
    });
    exposures.push({
      externalId: `CARD-${c.id}`,
      obligorExternalId: `TW-${c.id}`,
      product: 'Credit card',
      currency: 'TWD',
      ead: money(c.bills[0]!),
      limit: money(c.limit),
      lgd: CARD_LGD,
      maturityDate: null,
      originationDate: null,
      collateralValue: null,
      daysPastDue: dpd,
      status: cardStatus(dpd),
    });
  }
  return { obligors, exposures };
}

export interface MonthlyFigures {
  monthsBack: number;
  exposureCount: number;
  totalEad: number;
  totalLimit: number;
  defaultedCount: number;
  defaultedEad: number;
}

/** Portfolio totals for each of the six statements (0 = September, 5 = April). */
export function taiwanMonthlyFigures(clients: TaiwanClient[]): MonthlyFigures[] {
  return [0, 1, 2, 3, 4, 5].map((k) => {
    let totalEad = 0,
      totalLimit = 0,
      defaultedCount = 0,
      defaultedEad = 0;
    for (const c of clients) {
      const ead = Math.max(0, c.bills[k]!);
      totalEad += ead;
      totalLimit += c.limit;
      if (cardStatus(daysPastDue(c.delays[k]!)) === 'DEFAULTED') {
        defaultedCount += 1;
        defaultedEad += ead;
      }
    }
    return { monthsBack: k, exposureCount: clients.length, totalEad, totalLimit, defaultedCount, defaultedEad };
  });
}

/** The last day of the month `monthsBack` months before the latest month-end strictly before `today`. */
export function monthEnd(today: Date, monthsBack: number): Date {
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthsBack, 0));
}
