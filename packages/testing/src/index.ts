export * from './poll.ts';
export * from './ports.ts';
export * from './sidecar.ts';
export * from './stack.ts';
export * from './app-under-test.ts';
export * from './load.ts';
export * from './scratch-schema.ts';
