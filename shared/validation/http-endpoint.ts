import { z } from 'zod';

// Addresses and secrets the user types for servers the studio talks to (the model hub or its mirror, a
// remote inference server): one rule for each, so every such field refuses the same things.

/** An http(s) address without credentials, query or fragment (a token travels in a header instead). */
export function httpEndpointSchema(example: string) {
  return z
    .string()
    .trim()
    .max(2048)
    .refine((text) => {
      try {
        const url = new URL(text);
        return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
      } catch {
        return false;
      }
    }, `must be an http:// or https:// address without user name, query or fragment, e.g. ${example}`);
}

/** A bearer token or API key: printable ASCII without spaces, so it can never break out of its header. */
export const bearerTokenSchema = z.string().trim().min(1).max(512).regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces');
