import { describe, expect, it } from 'vitest';
import { loadMigrations } from '../src/migrations.ts';
import { OUTBOX_MIGRATIONS_DIRECTORY } from '../src/outbox-table.ts';

describe("the package's outbox migrations", () => {
  it('when loaded, then they are valid files in version order', async () => {
    const migrations = await loadMigrations(OUTBOX_MIGRATIONS_DIRECTORY);

    expect(migrations.map((m) => m.file)).toEqual(['001_outbox.sql', '002_outbox_trace_context.sql']);
  });

  it('when applied to a schema whose service created the outbox itself, then nothing is created twice (every create is "if not exists")', async () => {
    const [first] = await loadMigrations(OUTBOX_MIGRATIONS_DIRECTORY);
    const creates = first!.sql.split('\n').filter((line) => /^\s*create\b/i.test(line));

    expect(creates.length).toBe(2);
    expect(creates.filter((line) => !/\bif not exists\b/i.test(line))).toEqual([]);
  });
});
