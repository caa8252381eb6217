import { AppId } from '@pasar/contracts';
import { runService } from '@pasar/service-kit';
import { buildService } from './app.ts';
import { Config } from './config.ts';

await runService(AppId.payment, Config, buildService, { secrets: ['DATABASE_URL', 'PROVIDER_WEBHOOK_SECRET'] });
