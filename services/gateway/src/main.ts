import { AppId } from '@pasar/contracts';
import { runService } from '@pasar/service-kit';
import { buildService } from './app.ts';
import { Config } from './config.ts';

await runService(AppId.gateway, Config, buildService, { secrets: ['JWT_SECRET'], publicEntry: true });
