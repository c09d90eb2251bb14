/**
 * `GET /v1/openapi.json`: an OpenAPI 3.1 description of every route, generated from the routes'
 * own schemas (the ones the router validates requests with).
 */
import { z } from 'zod'
import { PEERHOOD_VERSION } from '../version.ts'
import type { RouteEntry } from './router.ts'

/** The parts of an OpenAPI 3.1 document this generator writes. */
export interface OpenApiDocument {
  /** `3.1.0`. */
  openapi: string
  /** Title and version. */
  info: { title: string, version: string }
  /** Operations by path (`{id}` style) and lowercase method. */
  paths: Record<string, Record<string, OpenApiOperation>>
  /** Security schemes (bearer token, session cookie). */
  components: Record<string, unknown>
  /** Both schemes are accepted. */
  security: Array<Record<string, string[]>>
}

/** One operation of {@link OpenApiDocument}. */
export interface OpenApiOperation {
  /** `METHOD /pattern`, unique. */
  operationId: string
  /** One line. */
  summary: string
  /** Groups. */
  tags: string[]
  /** Path and query parameters. */
  parameters: Array<Record<string, unknown>>
  /** The JSON body, when the route declares one. */
  requestBody?: { required: boolean, content: { 'application/json': { schema: Record<string, unknown>, examples?: Record<string, { value: unknown }> } } }
  /** Responses (errors share one shape). */
  responses: Record<string, unknown>
  /** Empty for public routes. */
  security?: Array<Record<string, string[]>>
}

/** `:name` → `{name}`. */
export function openApiPath (pattern: string): string {
  return pattern.split('/').map(s => s.startsWith(':') ? `{${s.slice(1)}}` : s).join('/')
}

function jsonSchema (schema: z.ZodType): Record<string, unknown> {
  const inner = schema instanceof z.ZodOptional ? schema.unwrap() as z.ZodType : schema
  const out = z.toJSONSchema(inner, { unrepresentable: 'any' }) as Record<string, unknown>
  delete out.$schema
  return out
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } }
}

/** The OpenAPI document of `routes`. */
export function openApiDocument (routes: RouteEntry[]): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {}
  for (const { method, pattern, options } of routes) {
    const path = openApiPath(pattern)
    const parameters: Array<Record<string, unknown>> = pattern.split('/').filter(s => s.startsWith(':'))
      .map(s => ({ name: s.slice(1), in: 'path', required: true, schema: { type: 'string' } }))
    if (options.query !== undefined) {
      const q = jsonSchema(options.query)
      const required = new Set((q.required as string[] | undefined) ?? [])
      for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, unknown>)) {
        parameters.push({ name, in: 'query', required: required.has(name), schema })
      }
    }
    const op: OpenApiOperation = {
      operationId: `${method} ${pattern}`,
      summary: options.summary ?? `${method} ${pattern}`,
      tags: options.tags ?? [pattern.split('/')[pattern.startsWith('/v1/') ? 2 : 1] ?? 'node'],
      parameters,
      responses: {
        200: { description: 'Success (JSON unless said otherwise)' },
        default: { description: 'Error', content: { 'application/json': { schema: ERROR_SCHEMA } } }
      },
      ...(options.public === true ? { security: [] } : {})
    }
    if (options.body !== undefined) {
      const schema = jsonSchema(options.body)
      const examples = (schema.examples as unknown[] | undefined) ?? []
      op.requestBody = {
        required: !(options.body instanceof z.ZodOptional),
        content: {
          'application/json': {
            schema,
            ...(examples.length === 0 ? {} : { examples: Object.fromEntries(examples.map((value, i) => [`example${i + 1}`, { value }])) })
          }
        }
      }
    }
    paths[path] ??= {}
    paths[path][method.toLowerCase()] = op
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Peerhood control API', version: PEERHOOD_VERSION },
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'The token in <data>/api-token' },
        session: { type: 'apiKey', in: 'cookie', name: 'peerhood_session_<port>', description: 'Dashboard session from POST /ui/session' }
      }
    },
    security: [{ bearer: [] }, { session: [] }]
  }
}
