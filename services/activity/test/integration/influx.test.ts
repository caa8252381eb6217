import { randomUUID } from 'node:crypto';
import { Point } from '@influxdata/influxdb-client';
import { stackValue } from '@pasar/testing';
import { describe, expect, it } from 'vitest';
import { Config } from '../../src/config.ts';
import { createActivityStore, influxSettingsOf, pingInflux } from '../../src/data-access/influx.ts';

const config = Config.parse({ APP_PORT: '0', INFLUXDB_URL: stackValue('INFLUXDB_URL') });
const store = createActivityStore(influxSettingsOf(config));

describe('InfluxDB v2 API through @influxdata/influxdb-client', () => {
  it('answers the readiness ping', async () => {
    await expect(pingInflux(config.INFLUXDB_URL)).resolves.toBeUndefined();
  });

  it('writes a point and reads it back with Flux', async () => {
    const kind = `smoke_${randomUUID().slice(0, 8)}`;
    const writer = store.client.getWriteApi(config.INFLUXDB_ORG, config.INFLUXDB_BUCKET, 'ms');
    writer.writePoint(new Point('activity').tag('kind', kind).stringField('query', 'kopi').intField('results', 3));
    await writer.close();

    const rows = await store.client
      .getQueryApi(config.INFLUXDB_ORG)
      .collectRows<{ _field: string; _value: unknown }>(
        `from(bucket: "${config.INFLUXDB_BUCKET}") |> range(start: -1h) |> filter(fn: (r) => r._measurement == "activity" and r.kind == "${kind}")`,
      );

    expect(rows.map((r) => [r._field, r._value]).sort()).toEqual([
      ['query', 'kopi'],
      ['results', 3],
    ]);
  });
});
