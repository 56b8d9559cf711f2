import type { Readable } from 'node:stream';
import { NdxpError } from '@ndxp/core';

const EMPTY = Buffer.alloc(0);

/**
 * Read a request body up to `limit` bytes (the service's `max_request_bytes`). A declared
 * Content-Length over the limit is refused before reading anything; a chunked body is refused as
 * soon as it passes the limit, and the rest is discarded, not buffered.
 */
export async function readBody(stream: Readable | undefined, contentLength: string | undefined, limit: number): Promise<Buffer> {
  if (contentLength !== undefined && Number(contentLength) > limit) throw tooLarge(limit);
  if (stream === undefined) return EMPTY;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        stream.resume(); // discard the rest
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new NdxpError('VALIDATION_FAILED', { detail: 'the request body could not be read', cause: error }));
    };
    const cleanup = (): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}

function tooLarge(limit: number): NdxpError {
  return new NdxpError('BODY_TOO_LARGE', { detail: `this service accepts at most ${limit} bytes`, extensions: { limit } });
}
