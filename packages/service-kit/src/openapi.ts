import { CUSTOMER_ID_HEADER, ProblemDetails, type RpcContract } from '@pasar/contracts';
import { z } from 'zod';

export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One answer of an operation. Problems (status >= 400) are always ProblemDetails; give no schema. */
export interface ApiResponse {
  description: string;
  schema?: z.ZodType;
}

/**
 * One HTTP operation of a service, described with the same zod schemas its route parses with, so
 * the document cannot drift from what the route accepts.
 */
export interface ApiOperation {
  method: ApiMethod;
  /** Express-style, as the route is registered: `/products/:id`. */
  path: string;
  summary: string;
  /** Required when the input has rules JSON Schema cannot express (zod refinements): state them here. */
  description?: string;
  tags?: string[];
  params?: z.ZodType;
  query?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  /** The route reads its caller from CUSTOMER_ID_HEADER (the gateway sets it) and answers 401 without a valid one. */
  caller?: boolean;
  /**
   * By status. Added for you: a 400 naming the fields at fault when the operation takes any input, a
   * 413 when it takes a body, a 422 when its input has rules only its description states.
   */
  responses: Record<number, ApiResponse>;
}

export interface ApiDescription {
  title: string;
  version: string;
  operations: ApiOperation[];
}

/** An internal RPC of packages/contracts as an operation: its params, body and 200 answer come from the contract. */
export function rpcOperation(contract: RpcContract, summary: string, responses: Record<number, ApiResponse> = {}): ApiOperation {
  return {
    method: contract.method,
    path: contract.path,
    summary: `${summary} (internal RPC ${contract.name})`,
    tags: ['internal'],
    params: contract.params,
    ...(!(contract.body instanceof z.ZodUndefined) && { body: contract.body }),
    responses: { 200: { description: 'OK', schema: contract.response }, ...responses },
  };
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };
type ParameterLocation = 'path' | 'query' | 'header';

export const PROBLEM_SCHEMA_REF = '#/components/schemas/ProblemDetails';
const INPUTS = [
  ['params', 'path'],
  ['query', 'query'],
  ['headers', 'header'],
] as const;

/** An OpenAPI 3.1 document of the operations (request schemas as zod reads them, responses as it writes them). */
export function openApiDocument(description: ApiDescription): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of description.operations) {
    const path = openApiPath(operation.path);
    paths[path] = { ...paths[path], [operation.method.toLowerCase()]: operationObject(operation) };
  }
  return {
    openapi: '3.1.0',
    info: { title: description.title, version: description.version },
    paths,
    components: { schemas: sharedSchemas() },
  };
}

/** The schemas every document shares (what PROBLEM_SCHEMA_REF and SAFE_JSON_REF point at). */
export function sharedSchemas(): Record<string, unknown> {
  return { ProblemDetails: jsonSchemaOf(ProblemDetails, 'output'), SafeJson: SAFE_JSON };
}

/** `/products/:id` -> `/products/{id}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function operationObject(operation: ApiOperation): Record<string, unknown> {
  const callerHeader = operation.caller ? z.object({ [CUSTOMER_ID_HEADER]: z.uuid() }) : undefined;
  const parameters = [
    ...INPUTS.flatMap(([key, location]) => parametersOf(operation[key], location)),
    ...parametersOf(callerHeader, 'header'),
  ];
  checkPathParameters(operation, parameters);
  const hasRules = [...INPUTS.map(([key]) => operation[key]), operation.body].some((schema) => schema && hasRefinements(schema));
  if (hasRules && !operation.description)
    throw new Error(`${operation.method} ${operation.path}: its input has rules JSON Schema cannot express; state them in description`);
  return {
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    ...(operation.tags && { tags: operation.tags }),
    ...(parameters.length > 0 && { parameters }),
    ...(operation.body && { requestBody: requestBodyOf(operation.body) }),
    responses: responsesOf(operation, hasRules),
  };
}

function requestBodyOf(body: z.ZodType): Record<string, unknown> {
  return { required: !body.safeParse(undefined).success, content: { 'application/json': { schema: jsonSchemaOf(body, 'input') } } };
}

function parametersOf(schema: z.ZodType | undefined, location: ParameterLocation): Record<string, unknown>[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchemaOf(schema, 'input');
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.includes(name),
    schema: property,
    // `attr[brand]=x`: the kit's extended query parser reads objects from bracketed keys.
    ...(location === 'query' && property.type === 'object' && { style: 'deepObject', explode: true }),
  }));
}

/** Every `:name` of the route must be a described parameter, or the document lies about the path. */
function checkPathParameters(operation: ApiOperation, parameters: Record<string, unknown>[]): void {
  const described = new Set(parameters.filter((p) => p.in === 'path').map((p) => p.name));
  for (const [, name] of operation.path.matchAll(/:([A-Za-z0-9_]+)/g)) {
    if (!described.has(name)) throw new Error(`${operation.method} ${operation.path}: path parameter "${name}" has no schema in params`);
  }
}

function responsesOf(operation: ApiOperation, hasRules: boolean): Record<string, unknown> {
  const takesInput = Boolean(operation.params ?? operation.query ?? operation.headers ?? operation.body);
  const invalidInput: Record<number, ApiResponse> = takesInput
    ? { 400: { description: 'The input does not fit its schema: `errors` names each field at fault' } }
    : {};
  const tooLarge: Record<number, ApiResponse> = operation.body ? { 413: { description: 'The body is too large' } } : {};
  const brokenRule: Record<number, ApiResponse> = hasRules
    ? { 422: { description: 'The input fits its schema but breaks a rule the description states: `errors` names the fields' } }
    : {};
  const noCaller: Record<number, ApiResponse> = operation.caller ? { 401: { description: `No valid ${CUSTOMER_ID_HEADER} header` } } : {};
  const responses = { ...invalidInput, ...tooLarge, ...brokenRule, ...noCaller, ...operation.responses };
  return Object.fromEntries(Object.entries(responses).map(([status, response]) => [status, responseObject(Number(status), response)]));
}

function responseObject(status: number, response: ApiResponse): Record<string, unknown> {
  if (status >= 400) return problemResponse(response.description);
  if (!response.schema) return { description: response.description };
  return { description: response.description, content: { 'application/json': { schema: jsonSchemaOf(response.schema, 'output') } } };
}

/** An application/problem+json answer (the shared ProblemDetails schema). */
export function problemResponse(description: string): Record<string, unknown> {
  return { description, content: { 'application/problem+json': { schema: { $ref: PROBLEM_SCHEMA_REF } } } };
}

function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Refinements and transforms have no JSON Schema form: the document shows the shape, the
  // description states the rest (a 422, see parseInput).
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return io === 'input' ? withSafeText(jsonSchema) : jsonSchema;
}

/** Whether a zod refinement (`.refine`, `.superRefine`) checks the input anywhere in the schema. */
function hasRefinements(schema: z.ZodType): boolean {
  let found = false;
  z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema }) => {
      found ||= (zodSchema._zod.def.checks ?? []).some((check) => check._zod.def.check === 'custom');
    },
  });
  return found;
}

/**
 * parseInput refuses NUL and control characters in every string and key (input-hygiene.ts): say so
 * in the schema. A string with a pattern, format, enum or const is already narrower; an open object
 * takes only safe keys and SafeJson values. (Unpaired surrogates cannot be sent as UTF-8 JSON at all.)
 */
function withSafeText(schema: JsonSchema): JsonSchema {
  if (Object.keys(schema).length === 0) return { $ref: SAFE_JSON_REF };
  const safe: JsonSchema = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, withSafeTextIn(key, value)]));
  if (isFreeText(safe))
    Object.assign(
      safe,
      safe.pattern || safe.allOf ? { allOf: [...((safe.allOf as JsonSchema[] | undefined) ?? []), SAFE_TEXT] } : SAFE_TEXT,
    );
  if (safe.type === 'object' && safe.additionalProperties !== false) {
    // A record's own propertyNames is a string schema, made safe above.
    safe.propertyNames ??= SAFE_TEXT;
    safe.additionalProperties ??= { $ref: SAFE_JSON_REF };
  }
  return safe;
}

function withSafeTextIn(key: string, value: unknown): unknown {
  if (key === 'properties' || key === '$defs') {
    return Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([name, inner]) => [name, withSafeText(inner)]));
  }
  if (SUBSCHEMA_KEYS.has(key) && typeof value === 'object' && value !== null && !Array.isArray(value))
    return withSafeText(value as JsonSchema);
  if (SUBSCHEMA_LIST_KEYS.has(key) && Array.isArray(value)) return value.map((inner: JsonSchema) => withSafeText(inner));
  return value;
}

/**
 * A string that no format, enum or const narrows (a pattern may still allow unsafe text). With other
 * types beside it (`[string, number]`), a pattern still applies to the strings alone.
 */
function isFreeText(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.includes('string') && !['format', 'enum', 'const'].some((key) => key in schema);
}

const SUBSCHEMA_KEYS = new Set(['items', 'additionalProperties', 'propertyNames', 'not']);
const SUBSCHEMA_LIST_KEYS = new Set(['anyOf', 'oneOf', 'allOf', 'prefixItems']);
/** Text without NUL or control characters other than tab, line feed and carriage return. */
const SAFE_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
const SAFE_TEXT = { pattern: SAFE_TEXT_PATTERN };
export const SAFE_JSON_REF = '#/components/schemas/SafeJson';
/** Any JSON value whose strings and keys are safe text: what an open object takes besides its properties. */
const SAFE_JSON = {
  description: 'Any JSON value whose strings and keys hold no NUL or control characters (other than tab, line feed, carriage return)',
  anyOf: [
    { type: ['null', 'boolean', 'number'] },
    { type: 'string', pattern: SAFE_TEXT_PATTERN },
    { type: 'array', items: { $ref: SAFE_JSON_REF } },
    { type: 'object', propertyNames: { pattern: SAFE_TEXT_PATTERN }, additionalProperties: { $ref: SAFE_JSON_REF } },
  ],
};
