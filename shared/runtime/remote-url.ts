import { httpEndpointSchema } from '../validation/http-endpoint';

// The address of an OpenAI-compatible server as users write it (the `/v1` base their other apps take), and
// the two places the studio reads from it: the OpenAI routes under it and the server's own routes at its
// root (llama-server's /props, /tokenize, /lora-adapters; vLLM's /tokenize).

export const remoteUrlSchema = httpEndpointSchema('http://192.168.1.20:8080/v1');

/** The OpenAI routes' base: the address as given, without trailing slashes. */
export function openAiBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The server's own root: the address without a trailing `/v1`. */
export function serverRoot(url: string): string {
  return openAiBase(url).replace(/\/v1$/, '');
}
