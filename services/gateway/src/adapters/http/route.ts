import type { Principal } from '@onewindow/auth';
import type { z } from 'zod';

/**
 * One declaration per REST operation: the express handler and the OpenAPI
 * document are both built from this table, so the document cannot drift from
 * what the gateway serves.
 */
export interface RouteInput<B> {
  readonly params: Record<string, string>;
  readonly query: Record<string, string>;
  readonly body: B;
  /** Present on every route that is not public. */
  readonly principal: Principal | undefined;
  /** The caller's bearer token, forwarded to the services. */
  readonly token: string | undefined;
  /** The Idempotency-Key header, passed on so a service can dedupe too. */
  readonly idempotencyKey: string | undefined;
  /** The request body as bytes, on a route that takes one (`rawBody`). */
  readonly raw?: { readonly content: Buffer; readonly contentType: string };
}

/** What a `binary` route's handler returns: bytes sent as they are. */
export interface BinaryReply {
  readonly content: Uint8Array;
  readonly contentType: string;
  /** Offered to the client as the download's name. */
  readonly filename: string;
}

export interface Route<B = unknown> {
  readonly method: 'get' | 'post';
  /** express-style path: /api/v1/cases/:caseId */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly tag: string;
  readonly auth: 'public' | 'token';
  readonly body?: z.ZodType<B>;
  readonly query?: Record<string, { description: string; required?: boolean }>;
  /** Honours the Idempotency-Key header. */
  readonly idempotent?: boolean;
  readonly status: 200 | 201 | 202;
  /** Takes the body as bytes of these media types (an upload) instead of JSON, up to `limitBytes`. */
  readonly rawBody?: { readonly types: readonly string[]; readonly limitBytes: number };
  /** Answers with bytes of this media type: `handle` returns a BinaryReply. */
  readonly binary?: { readonly contentType: string };
  readonly handle: (input: RouteInput<B>) => Promise<unknown>;
}

export const route = <B>(r: Route<B>): Route => r as Route;
