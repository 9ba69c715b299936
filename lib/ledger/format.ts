// How a ledger cell is written: once for people (screen, locale-aware) and once for files (CSV,
// locale-neutral so Excel reads numbers and dates as such). All times in China Standard Time.
// Client-safe: the data table formats cells in the browser with the same rules.
// No date-fns here (lib/time.ts): the data table formats cells in the browser, and the time-zone
// library would add about 24 KB to every page with a table (tests/unit/client-imports.test.ts).
// The zone's rules come from Intl, which every browser and Node carry.
import type { CellValue, ColumnType } from './columns';
import { CHINA_TIME_ZONE } from '../time-zone';

export { CHINA_TIME_ZONE };

/** `YYYY-MM-DD` is a calendar day already (a PostgreSQL `date`): it must not move with the zone. */
const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A cell value as an instant, or null when it is not a date. A bare calendar day is its 00:00 in China. */
export function toInstant(value: CellValue): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return new Date(value);
  const d = CALENDAR_DAY.test(value) ? chinaDayStart(value) : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * 00:00 in China on a calendar day `YYYY-MM-DD` (Invalid Date for a day that does not exist):
 * first guessed at UTC+8, then moved by however far China's wall clock at that guess is from
 * 00:00 that day (only in the summers of 1986–1991, when China kept daylight saving time).
 */
export function chinaDayStart(ymd: string): Date {
  const m = CALENDAR_DAY.exec(ymd);
  if (!m) return new Date(Number.NaN);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const target = Date.UTC(y, mo - 1, d);
  let at = target - 8 * 3_600_000;
  for (let i = 0; i < 2; i++) {
    const w = chinaWallClock(new Date(at));
    const off = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - target;
    if (off === 0) break;
    at -= off;
  }
  const w = chinaWallClock(new Date(at));
  return w.year === y && w.month === mo && w.day === d && w.hour === 0 && w.minute === 0 ? new Date(at) : new Date(Number.NaN);
}

// One formatter for every cell: date-fns with a TZDate costs ~20 µs a cell, too slow for a
// 250k-row export with two date columns; a cached Intl formatter costs ~1 µs.
const CHINA_PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: CHINA_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of an instant in China, for writers that have no time zones (Excel). */
export function chinaWallClock(d: Date): WallClock {
  const w: WallClock = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const p of CHINA_PARTS.formatToParts(d)) {
    if (p.type in w) w[p.type as keyof WallClock] = Number(p.value);
  }
  return w;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A cell for a file: numbers plain (no grouping), yuan with two decimals, dates `2023-11-21`, times `2023-11-21 14:05`. */
export function formatForFile(type: ColumnType, value: CellValue): string {
  if (value === null || value === undefined) return '';
  switch (type) {
    case 'number':
      return String(value);
    case 'yuan':
      return typeof value === 'number' ? value.toFixed(2) : String(value);
    case 'date':
    case 'datetime': {
      // A calendar day is already what the file should say.
      if (type === 'date' && typeof value === 'string' && CALENDAR_DAY.test(value)) return value;
      const d = toInstant(value);
      if (!d) return String(value);
      const w = chinaWallClock(d);
      const day = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
      return type === 'date' ? day : `${day} ${pad(w.hour)}:${pad(w.minute)}`;
    }
    default:
      return value instanceof Date ? formatForFile('datetime', value) : String(value);
  }
}

/** The Intl locale for a UI language: British English writes dates as UI.md asks (21 Nov 2023). */
function intlLocale(locale: string): string {
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en-GB';
}

// Building an Intl formatter costs far more than using one: one per locale and kind.
const screenFormatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = screenFormatters.get(key);
  if (!f) screenFormatters.set(key, (f = make()));
  return f as F;
}

/** A cell for a person: `1,000`, `¥1,000` / `¥1,000.50`, `2023年11月21日` / `21 Nov 2023`, with the time in China. */
export function formatForScreen(type: ColumnType, value: CellValue, locale: string): string {
  if (value === null || value === undefined || value === '') return '';
  const loc = intlLocale(locale);
  switch (type) {
    case 'number':
      return typeof value === 'number' ? cached(`${loc}|n`, () => new Intl.NumberFormat(loc)).format(value) : String(value);
    case 'yuan': {
      if (typeof value !== 'number') return String(value);
      const whole = Number.isInteger(value);
      const f = cached(`${loc}|y${whole ? 0 : 2}`, () => new Intl.NumberFormat(loc, { minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: 2 }));
      return `¥${f.format(value)}`;
    }
    case 'date':
    case 'datetime': {
      const d = toInstant(value);
      if (!d) return String(value);
      const time = type === 'datetime' ? ({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const) : {};
      const f = cached(`${loc}|${type}`, () => new Intl.DateTimeFormat(loc, { timeZone: CHINA_TIME_ZONE, year: 'numeric', month: loc === 'zh-CN' ? 'long' : 'short', day: 'numeric', ...time }));
      return f.format(d);
    }
    default:
      return String(value);
  }
}
