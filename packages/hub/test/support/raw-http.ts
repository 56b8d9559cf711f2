import { connect, type Socket } from 'node:net';

/** A response read off a raw socket. */
export interface RawResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Everything the server sent, as text. */
  readonly raw: string;
}

/** Parse one HTTP/1.1 response (Content-Length or close-delimited; chunked is de-chunked). */
export function parseRawResponse(raw: string): RawResponse {
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  let body = end < 0 ? '' : raw.slice(end + 4);
  const [status = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const l of lines) {
    const i = l.indexOf(':');
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
  }
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    let rest = body;
    for (;;) {
      const nl = rest.indexOf('\r\n');
      if (nl < 0) break;
      const size = parseInt(rest.slice(0, nl), 16);
      if (!Number.isFinite(size) || size === 0) break;
      out += rest.slice(nl + 2, nl + 2 + size);
      rest = rest.slice(nl + 2 + size + 2);
    }
    body = out;
  } else if (headers['content-length'] !== undefined) {
    body = Buffer.from(body, 'utf8').subarray(0, Number(headers['content-length'])).toString('utf8');
  }
  return { statusCode: Number(status.split(' ')[1] ?? 0), headers, body, raw };
}

/**
 * Send `request` (exact bytes: request line, headers, body) on a fresh connection and read until
 * the server closes it or a full response arrived. Nothing normalises the request target on the
 * way, as an attacker's client would not.
 */
export async function rawRequest(port: number, request: string | Buffer, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no complete response within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseRawResponse(Buffer.concat(chunks).toString('utf8')));
    };
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const text = Buffer.concat(chunks).toString('utf8');
      const r = parseRawResponse(text);
      const cl = r.headers['content-length'];
      const headEnd = text.indexOf('\r\n\r\n');
      if (headEnd >= 0 && cl !== undefined && Buffer.byteLength(text.slice(headEnd + 4)) >= Number(cl)) finish();
      if (headEnd >= 0 && r.headers['transfer-encoding'] === 'chunked' && text.endsWith('0\r\n\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('error', (e) => {
      clearTimeout(timer);
      if (chunks.length > 0) resolve(parseRawResponse(Buffer.concat(chunks).toString('utf8')));
      else reject(e);
    });
    socket.write(request);
  });
}

/** An open connection that sends its request a few bytes at a time (slowloris). */
export interface SlowClient {
  readonly socket: Socket;
  /** Resolves when the server closes the connection, with what it sent (maybe a 408). */
  readonly closed: Promise<string>;
  stop(): void;
}

/**
 * Open a connection and trickle `request` one byte every `intervalMs`, never finishing (or
 * finishing only after a long time): the slow-headers / slow-body attack.
 */
export function slowClient(port: number, request: string, intervalMs: number): SlowClient {
  const socket = connect({ port, host: '127.0.0.1' });
  const received: Buffer[] = [];
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= request.length) return;
    socket.write(request[i]!);
    i++;
  }, intervalMs);
  const closed = new Promise<string>((resolve) => {
    socket.on('data', (c: Buffer) => received.push(c));
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Buffer.concat(received).toString('utf8'));
    });
    socket.on('error', () => undefined);
  });
  return {
    socket,
    closed,
    stop() {
      clearInterval(timer);
      socket.destroy();
    },
  };
}
