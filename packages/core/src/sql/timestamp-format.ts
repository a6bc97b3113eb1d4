/**
 * Spark's timestamp-to-string (TimestampFormatter.getFractionFormatter): `yyyy-MM-dd HH:mm:ss`, then
 * `.` and the fraction of the second only when it is non-zero, trailing zeros dropped.
 * The session time zone is UTC. The calendar is proleptic Gregorian, as Spark 3 uses; the year
 * follows java.time's ISO_LOCAL_DATE: 4 digits, `+` above 9999 and `-` before year 0.
 */
const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_DAY = 86_400 * MICROS_PER_SECOND;

export function formatTimestamp(micros: number | bigint): string {
  const [days, microsOfDay] = splitDays(micros);
  const { year, month, day } = civilFromDays(days);
  const secondOfDay = Math.floor(microsOfDay / MICROS_PER_SECOND);
  const fraction = microsOfDay % MICROS_PER_SECOND;
  const time = [Math.floor(secondOfDay / 3600), Math.floor(secondOfDay / 60) % 60, secondOfDay % 60]
    .map(pad2)
    .join(':');
  const fractionText = fraction === 0 ? '' : `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
  return `${formatYear(year)}-${pad2(month)}-${pad2(day)} ${time}${fractionText}`;
}

/** Floor division into whole days since the epoch and microseconds into that day. */
function splitDays(micros: number | bigint): [number, number] {
  if (typeof micros === 'bigint') {
    const perDay = BigInt(MICROS_PER_DAY);
    let days = micros / perDay;
    let rest = micros % perDay;
    if (rest < 0n) {
      days -= 1n;
      rest += perDay;
    }
    return [Number(days), Number(rest)];
  }
  const whole = Math.floor(micros);
  const days = Math.floor(whole / MICROS_PER_DAY);
  return [days, whole - days * MICROS_PER_DAY];
}

/** Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153); // March = 0
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function formatYear(year: number): string {
  if (year > 9999) return `+${year}`;
  if (year < 0) return `-${String(-year).padStart(4, '0')}`;
  return String(year).padStart(4, '0');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
