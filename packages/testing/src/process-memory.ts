import { readFileSync } from 'node:fs';

/** The fields of /proc/PID/smaps_rollup (Rss, Pss, Private_Clean, ...), in KiB. */
export function smapsRollupKiB(pid: number): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const match of readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8').matchAll(/^(\w+):\s+(\d+) kB$/gm))
    fields[match[1]!] = Number(match[2]);
  return fields;
}
