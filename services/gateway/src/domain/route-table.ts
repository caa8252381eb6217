import { AppId } from '@pasar/contracts';

/** public: anyone; customer: any valid token; staff: a token with a staff role; admin: an admin's token. */
export type Access = 'public' | 'customer' | 'staff' | 'admin';

export interface Upstream {
  appId: AppId;
  path: string;
  access: Access;
}

interface Rule {
  prefix: string;
  appId: AppId;
  methods: readonly string[];
  /** When given, only these paths (after the prefix) are public; the rest is the service's own business. */
  only?: readonly string[];
  /**
   * The service path the prefix stands for: `prefix + rest` goes to `target + rest`, and back. A
   * `{customerId}` in it is the caller, which the gateway fills in from the token.
   */
  target: string;
  access: (method: string, rest: string) => Access;
}

const CALLER_PARAM = 'customerId';
const CALLER = `{${CALLER_PARAM}}`;

const READ = ['GET', 'HEAD'] as const;
const ALL = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const CART = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'] as const;
const MANAGE = ['GET', 'HEAD', 'POST', 'PATCH', 'DELETE'] as const;
/** Read, and act on with a POST (cancel an order). */
const REVIEW = ['GET', 'HEAD', 'POST'] as const;

/**
 * What the public API exposes, and nothing more: internal RPC paths (/internal/...) are reachable
 * only between services; product, order and catalog administration, their audit trails and activity
 * statistics only under /api/admin, for staff tokens, each rule saying which role.
 */
const rules: Rule[] = [
  { prefix: '/api/catalog', appId: AppId.catalog, methods: READ, only: ['/search', '/suggest'], target: '', access: () => 'public' },
  { prefix: '/api/categories', appId: AppId.product, methods: READ, target: '/categories', access: () => 'public' },
  { prefix: '/api/products', appId: AppId.product, methods: READ, target: '/products', access: () => 'public' },
  {
    prefix: '/api/customers',
    appId: AppId.customer,
    methods: ALL,
    target: '/customers',
    access: (method, rest) => (method === 'POST' && (rest === '' || rest === '/login') ? 'public' : 'customer'),
  },
  { prefix: '/api/orders', appId: AppId.order, methods: ALL, target: '/orders', access: () => 'customer' },
  { prefix: '/api/cart', appId: AppId.order, methods: CART, target: '/cart', access: () => 'customer' },
  {
    prefix: '/api/activity/me',
    appId: AppId.activity,
    methods: READ,
    target: `/activity/customers/${CALLER}`,
    access: () => 'customer',
  },
  { prefix: '/api/admin/products', appId: AppId.product, methods: MANAGE, target: '/products', access: () => 'staff' },
  { prefix: '/api/admin/orders', appId: AppId.order, methods: REVIEW, target: '/admin/orders', access: () => 'staff' },
  {
    prefix: '/api/admin/catalog',
    appId: AppId.catalog,
    methods: ['GET', 'HEAD', 'POST'],
    only: ['/reindex'],
    target: '',
    access: () => 'admin',
  },
  { prefix: '/api/admin/activity/stats', appId: AppId.activity, methods: READ, target: '/activity/stats', access: () => 'admin' },
  auditTrailOf('products', AppId.product),
  auditTrailOf('orders', AppId.order),
  auditTrailOf('catalog', AppId.catalog),
];

/** The audit trail of staff actions a service keeps, for admins: /api/admin/audit/<name> is exactly its /admin/audit. */
function auditTrailOf(name: string, appId: AppId): Rule {
  return { prefix: `/api/admin/audit/${name}`, appId, methods: READ, only: [''], target: '/admin/audit', access: () => 'admin' };
}

export type Resolution =
  { kind: 'route'; rule: Rule; rest: string } | { kind: 'no-route' } | { kind: 'method-not-allowed'; allowed: readonly string[] };

/** Finds the rule for a public path. Paths that try to climb out of their prefix match nothing. */
export function resolveRoute(method: string, path: string): Resolution {
  if (!isSafePath(path)) return { kind: 'no-route' };
  for (const rule of rules) {
    if (path !== rule.prefix && !path.startsWith(`${rule.prefix}/`)) continue;
    const rest = path.slice(rule.prefix.length);
    if (rule.only && !rule.only.includes(rest)) return { kind: 'no-route' };
    if (!rule.methods.includes(method)) return { kind: 'method-not-allowed', allowed: rule.methods };
    return { kind: 'route', rule, rest };
  }
  return { kind: 'no-route' };
}

export function upstreamOf(resolution: Extract<Resolution, { kind: 'route' }>, method: string, customerId: string | undefined): Upstream {
  const { rule, rest } = resolution;
  return { appId: rule.appId, path: `${rule.target.replace(CALLER, String(customerId))}${rest}`, access: rule.access(method, rest) };
}

/** What each rule sends where, for the tests that hold Dapr's access control to this table. */
export function routedTargets(): Array<{ appId: AppId; methods: readonly string[]; targets: string[] }> {
  return rules.map((rule) => ({
    appId: rule.appId,
    methods: rule.methods,
    targets: rule.only ? rule.only.map((path) => `${rule.target}${path}`) : [rule.target],
  }));
}

const SAMPLE_ID = '0b0e8c9e-5d1f-4c0a-9a53-2f4f8f6b1c11';

/** Every rule's routes as the authorization matrix tries them: each method on the prefix and one path below it (or each path it lists). */
export function routeSamples(): Array<{ prefix: string; method: string; path: string; access: Access }> {
  return rules.flatMap((rule) =>
    (rule.only ?? ['', `/${SAMPLE_ID}`]).flatMap((rest) =>
      rule.methods.map((method) => ({ prefix: rule.prefix, method, path: `${rule.prefix}${rest}`, access: rule.access(method, rest) })),
    ),
  );
}

/** The apps the public API reaches. */
export function upstreamApps(): AppId[] {
  return [...new Set(rules.map((rule) => rule.appId))];
}

export interface PublicRoute {
  /** The public path, an OpenAPI template like the service path it came from. */
  path: string;
  access: 'public' | 'customer';
  /** Path parameters the gateway fills in itself (the caller). */
  filledParams: string[];
}

/**
 * The inverse of the table: where a service path (an OpenAPI template such as `/products/{id}`) is
 * public, if the gateway routes that method there at all.
 */
export function publicRouteOf(appId: AppId, method: string, servicePath: string): PublicRoute | undefined {
  for (const rule of rules) {
    if (rule.appId !== appId || !isUnder(servicePath, rule.target)) continue;
    const path = `${rule.prefix}${servicePath.slice(rule.target.length)}`;
    const resolution = resolveRoute(method, path);
    if (resolution.kind !== 'route' || resolution.rule !== rule) continue;
    const access = rule.access(method, resolution.rest);
    // The staff routes are not part of the public API document (the admin pages describe them).
    if (access === 'staff' || access === 'admin') continue;
    return { path, access, filledParams: rule.target.includes(CALLER) ? [CALLER_PARAM] : [] };
  }
  return undefined;
}

function isUnder(path: string, target: string): boolean {
  return target === '' || path === target || path.startsWith(`${target}/`);
}

/** No dot segments, encoded slashes or backslashes: the rewritten path must stay under its prefix. */
function isSafePath(path: string): boolean {
  return !/(^|\/)\.\.?(\/|$)|%2f|%5c|\\|%2e/i.test(path);
}
