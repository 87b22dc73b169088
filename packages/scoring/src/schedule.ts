// Per-portfolio schedules. One scheduler tick a minute (any number of workers; pg-boss sends the tick
// once) asks which links had a cron slot in the last few minutes; the run is created with that slot,
// and the (portfolio, slot) unique key makes a second scheduler's attempt a no-op.
import cronParser from 'cron-parser';
import { InputError } from '@probity/db';

/** A slot older than this is left alone (a worker fleet that was down overnight does not catch up on stale runs). */
export const SLOT_WINDOW_MS = 5 * 60_000;

export function checkCron(cron: string, timeZone: string): void {
  try {
    if (cron.trim().split(/\s+/).length !== 5) throw new Error('five fields expected');
    cronParser.parseExpression(cron, { tz: timeZone });
  } catch (error) {
    throw new InputError('cron', `"${cron}" is not a five-field cron expression in time zone ${timeZone} (${(error as Error).message})`);
  }
}

/** The link's latest slot at or before `now`, if within the window; else null. */
export function dueSlot(cron: string, timeZone: string, now: Date): Date | null {
  const expression = cronParser.parseExpression(cron, { tz: timeZone, currentDate: new Date(now.getTime() + 1) });
  const slot = expression.prev().toDate();
  return now.getTime() - slot.getTime() <= SLOT_WINDOW_MS ? slot : null;
}
