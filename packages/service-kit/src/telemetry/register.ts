// The module every app is started with (`node --import @pasar/service-kit/telemetry src/main.ts`):
// it runs before main.ts, so express, pg and mongodb are wrapped as they load. The apps are ES
// modules, and an ES module can only be wrapped by a loader hook: import-in-the-middle's, registered
// in-thread with module.registerHooks (Node 26; the older module.register loader runs on a thread of
// its own, several MiB more per app). CommonJS modules are wrapped by require-in-the-middle.
import { register } from 'import-in-the-middle/register-hooks.mjs';
import { TelemetrySettings } from './settings.ts';
import { INSTRUMENTED_MODULES, startTracing } from './tracing.ts';

const parsed = TelemetrySettings.safeParse(process.env);
if (!parsed.success) {
  // No logger exists yet: this one line goes to stderr as it is.
  // eslint-disable-next-line no-console
  console.error(`invalid telemetry configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(1);
}
// Only the modules instrumented: wrapping every module would cost start-up time and memory for nothing.
register({ include: [...INSTRUMENTED_MODULES] });
startTracing(parsed.data);
