import { notFound } from '@onewindow/kernel';

/** A message field gRPC leaves empty when the resource does not exist. */
export const found = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw notFound(`${what.toUpperCase()}_NOT_FOUND`, `${what} not found`);
  return value;
};

/** Call options carrying the caller's token, when there is one. */
export const as = (token: string | undefined) => (token ? { token } : {});
