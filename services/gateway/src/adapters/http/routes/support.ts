import { notFound } from '@onewindow/kernel';

/** A message field gRPC leaves empty when the resource does not exist: the value, or a 404 naming it. */
export const orNotFound = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw notFound(`${what.toUpperCase()}_NOT_FOUND`, `${what} not found`);
  return value;
};

/** Call options carrying the caller's bearer token, when there is one. */
export const withBearer = (token: string | undefined) => (token ? { token } : {});
