export * from './api/index.ts';
export * from './app-ids.ts';
export * from './common.ts';
export * from './headers.ts';
export * from './messages/index.ts';
export * from './problem.ts';
export * from './rpc/index.ts';
export * from './topics.ts';
