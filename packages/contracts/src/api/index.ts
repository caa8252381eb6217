export * from './activity.ts';
export * from './audit.ts';
export * from './cart.ts';
export * from './catalog.ts';
export * from './customer.ts';
export * from './order.ts';
export * from './product.ts';
