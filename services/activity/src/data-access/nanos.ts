/** Nanosecond timestamps, as InfluxDB stores them (JavaScript dates stop at milliseconds). */
const NANOS_PER_MS = 1_000_000n;
const NANOS_PER_SECOND = 1_000_000_000n;
const RFC3339_UTC = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

export function nanosFromMillis(millis: number): bigint {
  return BigInt(millis) * NANOS_PER_MS;
}

export function millisFromNanos(nanos: bigint): number {
  return Number(nanos / NANOS_PER_MS);
}

/** Parses the RFC 3339 UTC times Flux answers with ("2026-01-02T03:04:05.123456789Z"). */
export function nanosFromRfc3339(value: string): bigint {
  const match = RFC3339_UTC.exec(value);
  if (!match) throw new Error(`not an RFC 3339 UTC time: ${value}`);
  const seconds = BigInt(Date.parse(`${match[1]}Z`) / 1000);
  return seconds * NANOS_PER_SECOND + BigInt((match[2] ?? '').padEnd(9, '0'));
}

export function rfc3339FromNanos(nanos: bigint): string {
  const seconds = new Date(Number(nanos / NANOS_PER_SECOND) * 1000).toISOString().slice(0, 19);
  return `${seconds}.${(nanos % NANOS_PER_SECOND).toString().padStart(9, '0')}Z`;
}
