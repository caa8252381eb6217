import { AppId } from '@pasar/contracts';
import { runService } from '@pasar/service-kit';
import { buildService } from './app.ts';
import { Config } from './config.ts';

await runService(AppId.order, Config, buildService, { secrets: ['DATABASE_URL'] });
