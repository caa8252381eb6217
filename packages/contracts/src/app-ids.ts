/** Dapr app ids: the only names apps use to reach each other (through their sidecars). */
export const AppId = {
  gateway: 'gateway',
  catalog: 'catalog',
  product: 'product',
  customer: 'customer',
  order: 'order',
  payment: 'payment',
  activity: 'activity',
  email: 'email',
} as const;

export type AppId = (typeof AppId)[keyof typeof AppId];
export const allAppIds: readonly AppId[] = Object.values(AppId);
