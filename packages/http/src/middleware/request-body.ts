import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';

/**
 * Settles each request's connection before its answer goes out, so that no client is reset:
 * - A body the handler did not read (a 503 before the upload, a 401, a 415) is read and
 *   discarded first, up to `maxRequestBytes`. Closing a socket with unread bytes makes the
 *   kernel send a reset, and a client still uploading loses the answer.
 * - A body that cannot be worth reading (declared or found larger than the limit, or marked
 *   by the upload reader) is answered with `Connection: close` instead.
 * - Once shutdown has begun every answer carries `Connection: close`, so kept-alive
 *   connections end with a response rather than being cut when the server closes them.
 */
export function requestBody(options: { maxRequestBytes: number; draining: () => boolean }): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      const whole = ctx.state.closeConnection !== true && (await discardBody(ctx.req, options.maxRequestBytes));
      if (!whole || options.draining()) ctx.set('Connection', 'close');
    }
  };
}

/** Reads what is left of a body and drops it; false when more than `maxBytes` would have to be read. */
function discardBody(req: IncomingMessage, maxBytes: number): Promise<boolean> {
  // `complete`: the parser has the whole message, so no byte is left on the socket.
  if (req.complete || req.destroyed) return Promise.resolve(true);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.resolve(false);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (whole: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onEnd);
      resolve(whole);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > maxBytes) {
        req.pause();
        done(false);
      }
    };
    const onEnd = () => done(true);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onEnd);
    req.resume();
  });
}
