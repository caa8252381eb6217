import { z } from 'zod';
import type { AppId } from '../app-ids.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One RPC edge of the design: which app answers it, at which method and path, and the schema of
 * the path parameters, body and response. Callers invoke it through their own Dapr sidecar.
 */
export interface RpcContract<P extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  name: string;
  appId: AppId;
  method: HttpMethod;
  /** Express-style template, e.g. `/internal/customers/:customerId`. */
  path: string;
  params: P;
  body: B;
  response: R;
}

export const NoParams = z.object({});
export const NoBody = z.undefined();

export function defineRpc<P extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  contract: RpcContract<P, B, R>,
): RpcContract<P, B, R> {
  return contract;
}

/** Fills a path template with (URL-encoded) parameters. */
export function pathOf(template: string, params: Record<string, unknown>): string {
  return template.replace(/:([A-Za-z0-9_]+)/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined || value === null) throw new Error(`missing path parameter "${key}" for ${template}`);
    return encodeURIComponent(String(value));
  });
}
