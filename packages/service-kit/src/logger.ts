import { pino, type Logger } from 'pino';
import { traceFieldsOfCurrentWork } from './telemetry/trace-context.ts';

export type { Logger };

export function createLogger(service: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    // Every line names the trace and span of the work it belongs to, so a log line leads to its trace.
    mixin: traceFieldsOfCurrentWork,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["dapr-api-token"]', '*.password'],
      censor: '[redacted]',
    },
  });
}
