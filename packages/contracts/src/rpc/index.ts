export * from './customer.ts';
export * from './define.ts';
export * from './order.ts';
export * from './product.ts';
