export interface OpenApiLike {
  paths: Record<string, Record<string, unknown>>;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];
/** The kit's answer (and the gateway's) when nothing is registered for a method and path. */
const NO_ROUTE = /^No (API )?route for /;

/**
 * Drift guard: calls every operation the document lists, at `baseUrl`, with invalid input (a path
 * parameter that is no id, an empty JSON body) and returns those answered "No route for": documented
 * but not implemented. Invalid input is refused before anything is written, so this is safe to run
 * against a live system. `headers` carries what the routes need to be reached (a bearer token).
 */
export async function unimplementedOperations(
  document: OpenApiLike,
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<string[]> {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((method) => ({ method, path })),
  );
  const answered = await Promise.all(
    operations.map(async ({ method, path }) => ({
      operation: `${method.toUpperCase()} ${path}`,
      noRoute: await answersNoRoute(method, `${baseUrl}${path}`, headers),
    })),
  );
  return answered.filter((a) => a.noRoute).map((a) => a.operation);
}

async function answersNoRoute(method: string, templateUrl: string, headers: Record<string, string>): Promise<boolean> {
  const url = templateUrl.replace(/\{[^}]+\}/g, 'not-an-id');
  const hasBody = method !== 'get';
  const response = await fetch(url, {
    method: method.toUpperCase(),
    headers: { ...headers, ...(hasBody && { 'content-type': 'application/json' }) },
    ...(hasBody && { body: '{}' }),
  });
  const text = await response.text();
  return response.status === 404 && NO_ROUTE.test(detailOf(text));
}

function detailOf(text: string): string {
  try {
    return String((JSON.parse(text) as { detail?: unknown }).detail ?? '');
  } catch {
    return '';
  }
}
