const DAYS = 31; // October 2019
const HOURS = DAYS * 24;
/** 2019-10-01 was a Tuesday; index 0 = Monday. */
const FIRST_WEEKDAY = 1;

/**
 * Relative traffic per UTC hour of day. The store's shoppers are mostly on
 * Moscow time (UTC+3), so the trough is the Moscow night and the peak its
 * evening; per-hour group-bys then see real skew.
 */
const HOUR_OF_DAY_WEIGHT = [
  0.45, 0.3, 0.25, 0.3, 0.5, 0.75, 0.95, 1.05, 1.1, 1.1, 1.1, 1.1,
  1.15, 1.2, 1.3, 1.4, 1.5, 1.55, 1.5, 1.3, 1.05, 0.8, 0.65, 0.55,
];

const TEMPLATE = '2019-10-01 00:00:00 UTC';
/** Byte offsets of the digits that change inside TEMPLATE. */
const DAY = 8;
const HOUR = 11;
const MINUTE = 14;
const SECOND = 17;

/**
 * Maps row i of n to a second of October 2019, non-decreasing in i, following
 * the hourly traffic curve, and keeps `text` holding that time as
 * `YYYY-MM-DD HH:MM:SS UTC`. Rewriting only the digits avoids a Date per row.
 */
export class EventClock {
  /** The current event_time, 23 ASCII bytes. */
  readonly text = Buffer.from(TEMPLATE, 'latin1');
  private readonly cumulative = cumulativeHourShares();
  private readonly perRow: number;
  private hour = 0;
  private second = -1;

  constructor(rows: number) {
    this.perRow = rows > 0 ? 1 / rows : 0;
  }

  /** Rows must be visited in increasing order. */
  moveTo(row: number): void {
    const f = row * this.perRow;
    const cum = this.cumulative;
    while (this.hour < HOURS - 1 && f >= cum[this.hour + 1]) this.hour++;
    const start = cum[this.hour];
    const within = Math.floor(((f - start) / (cum[this.hour + 1] - start)) * 3600);
    const second = this.hour * 3600 + (within < 3599 ? within : 3599);
    if (second !== this.second) {
      this.second = second;
      this.render(second);
    }
  }

  private render(second: number): void {
    const t = this.text;
    const day = Math.floor(second / 86_400) + 1;
    const inDay = second % 86_400;
    writeTwoDigits(t, DAY, day);
    writeTwoDigits(t, HOUR, Math.floor(inDay / 3600));
    writeTwoDigits(t, MINUTE, Math.floor(inDay / 60) % 60);
    writeTwoDigits(t, SECOND, inDay % 60);
  }
}

function writeTwoDigits(out: Buffer, at: number, value: number): void {
  out[at] = 48 + Math.floor(value / 10);
  out[at + 1] = 48 + (value % 10);
}

/** cumulative[h] = share of the month's events before hour h; cumulative[HOURS] = 1. */
function cumulativeHourShares(): Float64Array {
  const cum = new Float64Array(HOURS + 1);
  let total = 0;
  for (let h = 0; h < HOURS; h++) {
    const day = Math.floor(h / 24);
    const weekend = (FIRST_WEEKDAY + day) % 7 >= 5 ? 1.1 : 1;
    const growth = 1 + (0.15 * day) / DAYS; // traffic grew through the month
    total += HOUR_OF_DAY_WEIGHT[h % 24] * weekend * growth;
    cum[h + 1] = total;
  }
  for (let h = 1; h <= HOURS; h++) cum[h] /= total;
  cum[HOURS] = 1;
  return cum;
}
