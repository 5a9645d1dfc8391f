/**
 * Types read off a generated service definition (ts-proto, outputServices=grpc-js),
 * so a handler map or a client call is checked against the contract: a wrong
 * method name, request or response shape is a compile error.
 */
interface UnaryShape {
  readonly path: string;
  readonly requestStream: false;
  readonly responseStream: false;
}

/** The unary methods of a service definition, by their generated (camelCase) names. */
export type UnaryMethodNames<S> = {
  [K in keyof S]: S[K] extends UnaryShape ? K : never;
}[keyof S] &
  string;

export type RequestOf<S, K extends keyof S> = S[K] extends { requestDeserialize(value: Buffer): infer Q } ? Q : never;

export type ResponseOf<S, K extends keyof S> = S[K] extends { responseDeserialize(value: Buffer): infer R } ? R : never;
