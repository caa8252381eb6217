import type { DaprClient, InvokeOptions } from '@pasar/service-kit';

/** The apps behind the gateway, each reached through the gateway's own sidecar. */
export interface Peers {
  /** A request passed on as it came; the app's answer (status, headers, body) comes back untouched. */
  forward(appId: string, method: string, path: string, request: InvokeOptions & { body?: string | undefined }): Promise<Response>;
  /** The app's own OpenAPI document, as it answers GET /openapi.json. */
  openApiDocumentOf(appId: string, timeoutMs: number): Promise<Response>;
}

export function createPeers(dapr: DaprClient): Peers {
  return {
    forward: (appId, method, path, request) => dapr.invokeRaw(appId, method, path, request),
    openApiDocumentOf: (appId, timeoutMs) =>
      dapr.invokeRaw(appId, 'GET', '/openapi.json', { timeoutMs, headers: { accept: 'application/json' } }),
  };
}
