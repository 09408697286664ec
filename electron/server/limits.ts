// The bounds `studio serve` puts on its clients, in one place so README.md can quote them.

/**
 * Largest WebSocket message accepted. The biggest legitimate message is one upload piece:
 * UPLOAD_CHUNK_BYTES (8 MiB) as base64 is 10.7 MiB plus its envelope, and an 8 MiB avatar the same.
 * 16 MiB leaves room for that and nothing near the hundreds of MiB a hostile frame could announce;
 * a larger message closes the connection with 1009 (message too big).
 */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * Concurrent WebSocket connections. A browser tab holds one; 32 covers many tabs and scripts while
 * keeping a connection flood from multiplying the per-connection buffers below. More are refused with
 * 503 before the upgrade.
 */
export const MAX_CONNECTIONS = 32;

/**
 * Replies waiting to be written to one connection. A page reads as fast as it gets them, so a queue
 * this long means the client stopped reading; it is disconnected rather than buffered without limit.
 * One reply may still be larger (it is checked before each send), so the real bound per connection is
 * this plus the largest single reply.
 */
export const MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** Raw TCP sockets (pages, assets, WebSockets, half-open attempts); beyond this Node drops new ones. */
export const MAX_SOCKETS = 128;

/**
 * Calls and streams one connection may have running; while it has this many the server stops reading
 * its socket. Bounds the work (files read, replies built) a client can start before it reads anything.
 */
export const MAX_IN_FLIGHT = 16;

/**
 * Largest body of a request to the OpenAI-compatible API (`/v1/…`). A chat request carries its whole
 * conversation every time, and clients may send more than the context holds (the oldest turns are then
 * left out); 2 MiB is far beyond a full 4,096-token context of any text, and larger is refused with 413
 * before it is read.
 */
export const MAX_API_BODY_BYTES = 2 * 1024 * 1024;

/**
 * API requests generating at once. Each holds a sequence of the model's context, which has four and
 * shares them with the studio's own chats and comparisons; two leave those room.
 */
export const MAX_API_GENERATIONS = 2;

/** API requests waiting for a turn to generate; more are refused with 429 rather than queued without end. */
export const MAX_API_WAITING = 16;
