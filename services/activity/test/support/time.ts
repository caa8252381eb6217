/** An ISO time `offsetMs` after `base`. */
export function at(base: string | Date, offsetMs: number): string {
  return new Date(new Date(base).getTime() + offsetMs).toISOString();
}
