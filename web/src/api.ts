/** The gateway's public API, same origin. Every failure becomes an ApiError; problem+json keeps its fields. */

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: readonly FieldError[];

  constructor(status: number, title: string, detail?: string, errors: readonly FieldError[] = []) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }

  /** Worth trying again as it is: the service is busy or down (503), slow (504), or the network failed (0). */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface Answer<T> {
  status: number;
  data: T;
  etag: string | undefined;
}

export interface RequestOptions {
  body?: unknown;
  token?: string | undefined;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch {
    throw new ApiError(0, 'Network error');
  }
  const data = await bodyOf(response);
  if (!response.ok) throw problemOf(response.status, data);
  return { status: response.status, data: data as T, etag: response.headers.get('etag') ?? undefined };
}

export const get = async <T>(path: string, token?: string): Promise<T> => (await request<T>('GET', path, { token })).data;

async function bodyOf(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function problemOf(status: number, body: unknown): ApiError {
  const problem = (typeof body === 'object' && body !== null ? body : {}) as { title?: unknown; detail?: unknown; errors?: unknown };
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.message === 'string')
    : [];
  return new ApiError(
    status,
    typeof problem.title === 'string' ? problem.title : `HTTP ${status}`,
    typeof problem.detail === 'string' ? problem.detail : undefined,
    errors,
  );
}

/**
 * A problem's field errors for one form: `prefix` strips the path the form sits under (an address
 * inside an order is `shippingAddress.city`). Errors for fields the form lacks stay in `rest`.
 */
export function errorsFor(error: unknown, fields: readonly string[], prefix = ''): { byField: Record<string, string>; rest: FieldError[] } {
  const byField: Record<string, string> = {};
  const rest: FieldError[] = [];
  if (!(error instanceof ApiError)) return { byField, rest };
  for (const fieldError of error.errors) {
    const name = fieldError.field.startsWith(prefix) ? fieldError.field.slice(prefix.length) : fieldError.field;
    if (fields.includes(name)) byField[name] = byField[name] ? `${byField[name]}; ${fieldError.message}` : fieldError.message;
    else rest.push(fieldError);
  }
  return { byField, rest };
}
