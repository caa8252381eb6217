import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadMigrations, pendingOf, type Migration } from '@pasar/postgres';
import { describe, expect, it } from 'vitest';

/** The migration runner's bookkeeping, without a database (the stores project runs it for real). */
const migration = (version: number, checksum = `sum-${version}`): Migration => ({
  version,
  file: `${String(version).padStart(3, '0')}_m.sql`,
  sql: '',
  checksum,
});

describe('which migrations are pending', () => {
  it('are the files not applied yet, in order', () => {
    expect(pendingOf([migration(1), migration(2), migration(3)], [{ version: 1, checksum: 'sum-1' }]).map((m) => m.version)).toEqual([
      2, 3,
    ]);
  });

  it('when an applied file changed, then it is an error', () => {
    expect(() => pendingOf([migration(1, 'edited')], [{ version: 1, checksum: 'sum-1' }])).toThrow(/checksum mismatch/);
  });

  it('when an applied file is missing, then it is an error', () => {
    expect(() =>
      pendingOf(
        [migration(1), migration(3)],
        [
          { version: 1, checksum: 'sum-1' },
          { version: 2, checksum: 'sum-2' },
        ],
      ),
    ).toThrow(/migration 2 was applied but its file is missing/);
  });

  it('when a version whose file moved to another folder was applied, then it is neither an error nor applied again', () => {
    expect(
      pendingOf(
        [migration(1), migration(3)],
        [
          { version: 1, checksum: 'sum-1' },
          { version: 2, checksum: 'sum-2' },
        ],
        [2],
      ),
    ).toEqual([migration(3)]);
  });

  it('when a newer release applied more than this one knows, then this one still starts (rolling deploys)', () => {
    expect(
      pendingOf(
        [migration(1)],
        [
          { version: 1, checksum: 'sum-1' },
          { version: 2, checksum: 'sum-2' },
        ],
      ),
    ).toEqual([]);
  });
});

describe('loading migration files', () => {
  const folderWith = async (files: Record<string, string>) => {
    const folder = await mkdtemp(path.join(tmpdir(), 'pasar-migration-files-'));
    await Promise.all(Object.entries(files).map(([name, sql]) => writeFile(path.join(folder, name), sql)));
    return folder;
  };

  it('orders by version number, not by name, and ignores other files', async () => {
    const folder = await folderWith({ '10_ten.sql': 'select 10;', '9_nine.sql': 'select 9;', 'README.md': '#' });
    try {
      expect((await loadMigrations(folder)).map((m) => m.file)).toEqual(['9_nine.sql', '10_ten.sql']);
    } finally {
      await rm(folder, { recursive: true });
    }
  });

  it('gives a file the same checksum whatever its line endings', async () => {
    const folder = await folderWith({ '001_a.sql': 'select 1;\nselect 2;\n' });
    const other = await folderWith({ '001_a.sql': 'select 1;\r\nselect 2;\r\n' });
    try {
      expect((await loadMigrations(folder))[0]?.checksum).toBe((await loadMigrations(other))[0]?.checksum);
    } finally {
      await Promise.all([rm(folder, { recursive: true }), rm(other, { recursive: true })]);
    }
  });

  it.each([
    [{ 'customers.sql': '' }, /named <version>_<name>\.sql/],
    [{ '001_a.sql': '', '1_b.sql': '' }, /have the same version/],
  ])('refuses badly named or clashing files (%o)', async (files, message) => {
    const folder = await folderWith(files);
    try {
      await expect(loadMigrations(folder)).rejects.toThrow(message);
    } finally {
      await rm(folder, { recursive: true });
    }
  });
});
