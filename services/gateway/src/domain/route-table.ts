import { AppId } from '@pasar/contracts';

export type Access = 'public' | 'customer';

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
  only?: RegExp;
  /** The path on the service for the rest of the URL after the prefix (and the caller, if known). */
  rewrite: (rest: string, customerId: string | undefined) => string;
  access: (method: string, rest: string) => Access;
}

const READ = ['GET', 'HEAD'] as const;
const ALL = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * What the public API exposes, and nothing more: internal RPC paths (/internal/...), product and
 * catalog administration and activity statistics are reachable only between services.
 */
const rules: Rule[] = [
  { prefix: '/api/catalog', appId: AppId.catalog, methods: READ, only: /^\/(search|suggest)$/, rewrite: (rest) => rest, access: () => 'public' },
  { prefix: '/api/categories', appId: AppId.product, methods: READ, rewrite: (rest) => `/categories${rest}`, access: () => 'public' },
  { prefix: '/api/products', appId: AppId.product, methods: READ, rewrite: (rest) => `/products${rest}`, access: () => 'public' },
  {
    prefix: '/api/customers', appId: AppId.customer, methods: ALL, rewrite: (rest) => `/customers${rest}`,
    access: (method, rest) => (method === 'POST' && (rest === '' || rest === '/login') ? 'public' : 'customer'),
  },
  { prefix: '/api/orders', appId: AppId.order, methods: ALL, rewrite: (rest) => `/orders${rest}`, access: () => 'customer' },
  {
    prefix: '/api/activity/me', appId: AppId.activity, methods: READ,
    rewrite: (rest, customerId) => `/activity/customers/${customerId}${rest}`, access: () => 'customer',
  },
];

export type Resolution = { kind: 'route'; rule: Rule; rest: string } | { kind: 'no-route' } | { kind: 'method-not-allowed'; allowed: readonly string[] };

/** Finds the rule for a public path. Paths that try to climb out of their prefix match nothing. */
export function resolveRoute(method: string, path: string): Resolution {
  if (!isSafePath(path)) return { kind: 'no-route' };
  for (const rule of rules) {
    if (path !== rule.prefix && !path.startsWith(`${rule.prefix}/`)) continue;
    const rest = path.slice(rule.prefix.length);
    if (rule.only && !rule.only.test(rest)) return { kind: 'no-route' };
    if (!rule.methods.includes(method)) return { kind: 'method-not-allowed', allowed: rule.methods };
    return { kind: 'route', rule, rest };
  }
  return { kind: 'no-route' };
}

export function upstreamOf(resolution: Extract<Resolution, { kind: 'route' }>, method: string, customerId: string | undefined): Upstream {
  const { rule, rest } = resolution;
  return { appId: rule.appId, path: rule.rewrite(rest, customerId), access: rule.access(method, rest) };
}

/** No dot segments, encoded slashes or backslashes: the rewritten path must stay under its prefix. */
function isSafePath(path: string): boolean {
  return !/(^|\/)\.\.?(\/|$)|%2f|%5c|\\|%2e/i.test(path);
}
