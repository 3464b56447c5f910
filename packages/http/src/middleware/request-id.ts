import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

const CLIENT_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Gives every request an id (the client's `X-Request-Id` when well-formed) and returns it in the response header. */
export function requestId(): Middleware {
  return async (ctx, next) => {
    const sent = ctx.get('X-Request-Id');
    const id = CLIENT_ID.test(sent) ? sent : randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    await next();
  };
}
