import { AppError, type FieldError } from './errors.ts';

/**
 * Text no store or header should get: NUL (PostgreSQL refuses it in text), lone UTF-16 surrogates
 * (not encodable as UTF-8) and control characters other than tab, line feed and carriage return.
 */
const UNSAFE_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;

export function isSafeText(text: string): boolean {
  return !UNSAFE_CHARACTER.test(text);
}

/** Every string (and object key) in a value that holds unsafe text, named by its path. */
export function unsafeTextFields(value: unknown, path: string[] = []): FieldError[] {
  if (typeof value === 'string') return isSafeText(value) ? [] : [unsafeField(path)];
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeTextFields(item, [...path, String(index)]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    isSafeText(key) ? unsafeTextFields(item, [...path, key]) : [unsafeField([...path, JSON.stringify(key).slice(1, -1)])],
  );
}

const UNSAFE_MESSAGE = 'must not contain NUL, control characters or unpaired surrogates';
const UNSAFE_IN_PATH_MESSAGE = "must not contain control characters, unpaired surrogates, '%', '#' or '?'";

function unsafeField(path: string[]): FieldError {
  return { field: path.join('.') || '(root)', message: UNSAFE_MESSAGE };
}

/**
 * What a path segment must not decode to, beyond unsafe text: tabs and line breaks, C1 controls, '%',
 * '#' and '?'. No resource name has them, and daprd cannot forward a method holding them (it refuses
 * '#' and '?' outright, and fails to re-encode '%'), which the gateway would report as a 503.
 */
const UNFORWARDABLE_IN_PATH = /[\t\n\r\u0080-\u009F%#?]/u;

/** A path a proxy may forward: every segment decodes as UTF-8 to safe text. A 400 naming the path otherwise. */
export function assertSafePath(path: string): void {
  for (const segment of path.split('/')) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw AppError.badRequest('The path is not valid percent-encoded UTF-8', [
        { field: 'path', message: `segment '${segment}' does not decode` },
      ]);
    }
    if (!isSafeText(decoded) || UNFORWARDABLE_IN_PATH.test(decoded)) {
      throw AppError.badRequest('The path holds characters no resource name has', [
        { field: 'path', message: `segment '${segment}' ${UNSAFE_IN_PATH_MESSAGE}` },
      ]);
    }
  }
}
