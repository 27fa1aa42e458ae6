/**
 * Typed routes: a handler declares the schemas of its input and gets a context whose `ctx.state.input` has their
 * parsed types (and `ctx.state.user` for routes behind `authenticate`), so routes need no casts. Validation runs
 * before the handler (400 naming the field), which is what makes the one cast below sound.
 */
import type { RouterContext } from "@koa/router";
import type { Middleware } from "koa";
import type { z } from "zod";
import type { SessionUser } from "../services/session.service.js";
import { validate, type InputSource } from "./middleware/validate.middleware.js";

/** Schemas of a route's input, by where it is read from. */
export type InputSchemas = Partial<Record<InputSource, z.ZodType>>;

/** `ctx.state.input` after validating `S`: each source parsed by its schema. */
export type ParsedInput<S extends InputSchemas> = { [K in keyof S]: S[K] extends z.ZodType ? z.infer<S[K]> : never };

/** What a public route's handler sees in `ctx.state`. */
export interface RouteState<S extends InputSchemas> {
  requestId: string;
  input: ParsedInput<S>;
}

/** What a handler behind `authenticate` sees: also the verified session user. */
export interface AuthedRouteState<S extends InputSchemas> extends RouteState<S> {
  user: SessionUser;
}

type Handler<State> = (ctx: RouterContext<State>) => Promise<void> | void;

function chain<State>(schemas: InputSchemas, handler: Handler<State>): Middleware[] {
  const checks = (Object.entries(schemas) as [InputSource, z.ZodType][]).map(([source, schema]) => validate(source, schema));
  return [...checks, handler as unknown as Middleware];
}

/** The middleware of a public route: validate each part of `schemas`, then `handler` with the parsed input typed. */
export function route<S extends InputSchemas>(schemas: S, handler: Handler<RouteState<S>>): Middleware[] {
  return chain(schemas, handler);
}

/** As {@link route}, for a router that runs `authenticate` first: `ctx.state.user` is typed too. */
export function authedRoute<S extends InputSchemas>(schemas: S, handler: Handler<AuthedRouteState<S>>): Middleware[] {
  return chain(schemas, handler);
}
