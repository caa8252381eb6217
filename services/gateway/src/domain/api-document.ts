import type { AppId } from '@pasar/contracts';
import { problemResponse, sharedSchemas } from '@pasar/service-kit';
import { z } from 'zod';
import { FORWARDED_REQUEST_HEADERS } from './forwarding.ts';
import { publicRouteOf, type PublicRoute } from './route-table.ts';

/** As much of a service's OpenAPI document as the gateway reads; the rest passes through untouched. */
export const ServiceDocument = z.looseObject({
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), z.unknown()).optional() }).optional(),
});
export type ServiceDocument = z.infer<typeof ServiceDocument>;

/** One upstream app's document, or undefined when it could not be had. */
export interface UpstreamDocument {
  appId: AppId;
  document: ServiceDocument | undefined;
}

export type GatewayDocument = Record<string, unknown> & { 'x-pasar-unavailable': AppId[] };
type Operation = Record<string, unknown> & { parameters?: Parameter[]; responses?: Record<string, unknown>; tags?: string[] };
type Parameter = { name: string; in: string };

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
const BEARER = 'bearerAuth';

/** What the gateway itself may answer on any route, whatever the service says. */
const GATEWAY_RESPONSES = {
  429: problemResponse('Too many requests from this client: see Retry-After'),
  502: problemResponse('The service failed without a problem of its own'),
  503: problemResponse('The service is unavailable'),
  504: problemResponse('The service did not answer in time'),
};

/**
 * The public API as one OpenAPI document: each service's operations that the gateway routes, under
 * their public paths, with the gateway's own authentication and failures. A service whose document
 * is missing is named in `x-pasar-unavailable` and in the description; the rest is still served.
 */
export function gatewayDocument(upstreams: UpstreamDocument[], version: string): GatewayDocument {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const { appId, document } of upstreams) {
    for (const [method, path, operation] of publicOperationsOf(appId, document)) paths[path] = { ...paths[path], [method]: operation };
  }
  const unavailable = upstreams.filter((u) => !u.document).map((u) => u.appId);
  return {
    openapi: '3.1.0',
    info: { title: 'Pasar API', version, description: descriptionOf(unavailable) },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: Object.assign(sharedSchemas(), ...upstreams.map((u) => u.document?.components?.schemas ?? {})),
      securitySchemes: {
        [BEARER]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken of POST /api/customers/login' },
      },
    },
    'x-pasar-unavailable': unavailable,
  };
}

function descriptionOf(unavailable: AppId[]): string {
  const base = "Pasar's public API, assembled by the gateway from each service's own OpenAPI document.";
  if (unavailable.length === 0) return base;
  return `${base} Missing for now (their documents could not be fetched): ${unavailable.join(', ')}.`;
}

function publicOperationsOf(appId: AppId, document: ServiceDocument | undefined): Array<[string, string, Operation]> {
  const found: Array<[string, string, Operation]> = [];
  for (const [servicePath, item] of Object.entries(document?.paths ?? {})) {
    for (const method of METHODS.filter((m) => typeof item[m] === 'object' && item[m] !== null)) {
      const route = publicRouteOf(appId, method.toUpperCase(), servicePath);
      if (route) found.push([method, route.path, asPublished(appId, item[method] as Operation, route)]);
    }
  }
  return found;
}

/** The service's operation as the public sees it through the gateway. */
function asPublished(appId: AppId, operation: Operation, route: PublicRoute): Operation {
  const parameters = (operation.parameters ?? []).filter((p) => isPublicParameter(p, route));
  const protectedRoute = route.access === 'customer';
  const { parameters: _, ...rest } = operation;
  return {
    ...rest,
    tags: operation.tags ?? [appId],
    ...(parameters.length > 0 && { parameters }),
    ...(protectedRoute && { security: [{ [BEARER]: [] }] }),
    responses: {
      ...GATEWAY_RESPONSES,
      ...operation.responses,
      ...(protectedRoute && { 401: problemResponse('A valid bearer token is required') }),
    },
  };
}

/** Parameters the gateway fills in (the caller) or does not pass on are not the client's to give. */
function isPublicParameter(parameter: Parameter, route: PublicRoute): boolean {
  if (parameter.in === 'path') return !route.filledParams.includes(parameter.name);
  if (parameter.in === 'header') return FORWARDED_REQUEST_HEADERS.includes(parameter.name.toLowerCase());
  return true;
}
