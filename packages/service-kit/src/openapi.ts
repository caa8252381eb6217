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
  tags?: string[];
  params?: z.ZodType;
  query?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  /** The route reads its caller from CUSTOMER_ID_HEADER (the gateway sets it) and answers 401 without a valid one. */
  caller?: boolean;
  /** By status. A 400 naming the fields at fault is added when the operation takes any input. */
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
const INPUTS = [['params', 'path'], ['query', 'query'], ['headers', 'header']] as const;

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

/** The schemas every document shares (what PROBLEM_SCHEMA_REF points at). */
export function sharedSchemas(): Record<string, unknown> {
  return { ProblemDetails: jsonSchemaOf(ProblemDetails, 'output') };
}

/** `/products/:id` -> `/products/{id}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function operationObject(operation: ApiOperation): Record<string, unknown> {
  const callerHeader = operation.caller ? z.object({ [CUSTOMER_ID_HEADER]: z.uuid() }) : undefined;
  const parameters = [...INPUTS.flatMap(([key, location]) => parametersOf(operation[key], location)), ...parametersOf(callerHeader, 'header')];
  checkPathParameters(operation, parameters);
  return {
    summary: operation.summary,
    ...(operation.tags && { tags: operation.tags }),
    ...(parameters.length > 0 && { parameters }),
    ...(operation.body && { requestBody: { required: true, content: { 'application/json': { schema: jsonSchemaOf(operation.body, 'input') } } } }),
    responses: responsesOf(operation),
  };
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

function responsesOf(operation: ApiOperation): Record<string, unknown> {
  const takesInput = Boolean(operation.params ?? operation.query ?? operation.headers ?? operation.body);
  const invalidInput: Record<number, ApiResponse> = takesInput ? { 400: { description: 'Invalid input: `errors` names each field at fault' } } : {};
  const noCaller: Record<number, ApiResponse> = operation.caller ? { 401: { description: `No valid ${CUSTOMER_ID_HEADER} header` } } : {};
  const responses = { ...invalidInput, ...noCaller, ...operation.responses };
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
  // Refinements and transforms have no JSON Schema form: the document shows the shape, the route checks the rest.
  const { $schema: _, ...jsonSchema } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return jsonSchema;
}
