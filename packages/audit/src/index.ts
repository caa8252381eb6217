export type { AuditEntry } from '@pasar/contracts';
export * from './actor.ts';
export * from './api-description.ts';
export * from './entry.ts';
export * from './memory-store.ts';
export * from './routes.ts';
export * from './store.ts';
export * from './trail.ts';
