import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import type { HostileServer } from './hostile-server';

// Test support: a WebSocket opened by hand on a raw TCP socket, so a test can send frames no real
// client library would (bad opcodes, reserved bits, unmasked frames, lying lengths) and see exactly
// how the server answers: the HTTP status of the handshake, then the close code it sends.

export interface RawSocket {
  socket: Socket;
  /** The status line's code of the handshake answer (101 when upgraded). */
  status: number;
  /** Resolves with the server's close code (null if it closed without a close frame) once the socket ends. */
  closed: Promise<number | null>;
}

function closeCodeIn(bytes: Buffer): number | null {
  // Server frames are unmasked; a close frame is opcode 8 with the code in its first two payload bytes.
  for (let at = 0; at + 2 <= bytes.length; ) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (opcode === 8) return length >= 2 && start + 2 <= bytes.length ? bytes.readUInt16BE(start) : null;
    at = start + length;
  }
  return null;
}

/** Sends a handshake with the given headers (the server's own Host and Origin unless replaced). */
export function openRaw(server: HostileServer, headers: Record<string, string> = {}, path = '/rpc'): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, '127.0.0.1');
    const all: Record<string, string> = {
      Host: `127.0.0.1:${server.port}`,
      Origin: server.origin,
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Version': '13',
      ...headers,
    };
    socket.once('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\n${Object.entries(all).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
    });
    let received = Buffer.alloc(0);
    let answered = false;
    const closed = new Promise<number | null>((done) => {
      socket.on('close', () => {
        const end = received.indexOf('\r\n\r\n');
        done(end < 0 ? null : closeCodeIn(received.subarray(end + 4)));
      });
    });
    socket.on('error', () => undefined); // A reset after the server closes is expected here.
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!answered && received.includes('\r\n\r\n')) {
        answered = true;
        resolve({ socket, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(received.toString('latin1'))?.[1] ?? 0), closed });
      }
    });
    socket.once('close', () => {
      if (!answered) reject(new Error('the server closed the socket without answering'));
    });
  });
}

/** One client frame: FIN set, `opcode`, masked unless told otherwise, optional extra first-byte bits. */
export function frame(opcode: number, payload: Buffer, options: { masked?: boolean; firstByteBits?: number; announcedLength?: number } = {}): Buffer {
  const masked = options.masked ?? true;
  const length = options.announcedLength ?? payload.length;
  const head = [0x80 | (options.firstByteBits ?? 0) | opcode];
  let extended = Buffer.alloc(0);
  if (length < 126) head.push((masked ? 0x80 : 0) | length);
  else if (length < 65536) {
    head.push((masked ? 0x80 : 0) | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push((masked ? 0x80 : 0) | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), extended, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(head), extended, mask, body]);
}
