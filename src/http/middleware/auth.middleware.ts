import type { Context, Next } from "koa";
import { AppError } from "../../lib/app-error.js";
import type { SessionService } from "../../services/session.service.js";

/** Reads `Authorization: Bearer …` and puts the verified user in `ctx.state.user`, or fails with 401. */
export function authenticate(sessions: SessionService) {
  return async function requireSession(ctx: Context, next: Next): Promise<void> {
    const header = ctx.get("authorization");
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    ctx.state.user = sessions.verify(token);
    await next();
  };
}

/** Lets only admins through (403 with a friendly message otherwise). Must follow `authenticate`. */
export async function requireAdmin(ctx: Context, next: Next): Promise<void> {
  if (!ctx.state.user?.isAdmin) throw new AppError("forbidden", "仅管理员可见 / Only organisation admins can see contract figures.");
  await next();
}
