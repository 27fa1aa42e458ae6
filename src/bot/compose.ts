/** A `(ctx, next)` step of the bot pipeline: do work, call `next()` to run the rest, or return to stop. */
export type Middleware<C> = (ctx: C, next: () => Promise<void>) => Promise<void>;

/**
 * Composes middleware into one onion, koa-compose style: each step runs in order and may stop the chain by not
 * calling `next()`. Calling `next()` twice in one step is a programming error and rejects.
 */
export function compose<C>(steps: readonly Middleware<C>[]): (ctx: C, last?: () => Promise<void>) => Promise<void> {
  for (const s of steps) if (typeof s !== "function") throw new TypeError("compose: every middleware must be a function");
  return function composed(ctx, last) {
    let index = -1;
    const dispatch = (i: number): Promise<void> => {
      if (i <= index) return Promise.reject(new Error("compose: next() called more than once"));
      index = i;
      const step = i === steps.length ? last : steps[i];
      if (!step) return Promise.resolve();
      try {
        return Promise.resolve(step(ctx, () => dispatch(i + 1)));
      } catch (err) {
        return Promise.reject(err);
      }
    };
    return dispatch(0);
  };
}
