import { createServiceApp, sidecarCheck, type BuildService } from '@pasar/service-kit';
import type { Config } from './config.ts';
import { createActivityStore, influxSettingsOf, pingInflux } from './data-access/influx.ts';
import { createActivityRecorder } from './domain/recording.ts';
import { createActivityStats } from './domain/stats.ts';
import { createCustomerTimeline } from './domain/timeline.ts';
import { activitySubscriptions } from './subscriptions/index.ts';
import { activityRoutes } from './routes/activity-routes.ts';
import { activityApi } from './routes/api-description.ts';

export const buildService: BuildService<Config> = (config, { logger, dapr }) => {
  const store = createActivityStore(influxSettingsOf(config));
  return {
    app: createServiceApp({
      logger,
      readiness: [sidecarCheck(dapr), { name: 'influxdb', check: () => pingInflux(config.INFLUXDB_URL) }],
      subscriptions: activitySubscriptions(createActivityRecorder(store)),
      routes: activityRoutes({ customerTimeline: createCustomerTimeline(store), stats: createActivityStats(store) }),
      api: activityApi,
    }),
  };
};
