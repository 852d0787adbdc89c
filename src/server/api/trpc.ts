import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { Db } from "../../platform/db/client";
import { DomainError } from "../../platform/errors";
import { asDomainError } from "../../platform/known-errors";
import { webMetrics } from "../metrics";
import { hasRole, type Role } from "../../lib/roles";
import { MAX_INPUT_DEPTH, nestsDeeperThan } from "../../lib/json-depth";
import { findUnsafeText, unsafeTextMessage } from "../../lib/unsafe-text";
import type { SessionUser } from "../auth/session-user";
import type { LiveHub } from "../../platform/live/hub";
import type { Locale } from "../../i18n/locales";
import { issueTexts } from "../../platform/validation-text";

export type TRPCContext = { db: Db; user: SessionUser | null; ip: string | null; hub: LiveHub; locale: Locale };

/** `minRole` is declared on every procedure that needs a signed-in user; the router walk test reads it. */
export type ProcedureMeta = { minRole?: Role };

const t = initTRPC
  .context<TRPCContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 35_000 },
    },
    errorFormatter({ shape, error, ctx }) {
      const cause = error.cause;
      const app = cause instanceof DomainError ? { code: cause.code, params: cause.params } : null;
      // Field issues in the reader's language (French when the context could not be made).
      const language = ctx?.locale ?? "fr";
      const issues =
        cause instanceof ZodError
          ? cause.issues.map((i) => ({ path: i.path.map(String), message: issueTexts(i)[language], code: i.code }))
          : cause instanceof DomainError && cause.issues
            ? cause.issues.map((i) => ({ path: i.path.map(String), message: issueTexts(i)[language] }))
            : null;
      return { ...shape, data: { ...shape.data, zodIssues: issues, app } };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Expected failures (see asDomainError) become their tRPC code with their message, code and
 * parameters; anything else is left as it is (a bug: 500).
 */
export function knownErrorToTRPC(cause: unknown): TRPCError | null {
  const known = asDomainError(cause);
  return known && new TRPCError({ code: known.kind, message: known.message, cause: known });
}

const errorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (result.ok) return result;
  const mapped = knownErrorToTRPC(result.error.cause);
  if (mapped) throw mapped;
  return result;
});

const timing = t.middleware(async ({ path, type, next }) => {
  if (type === "subscription") return next();
  const end = webMetrics().requestDuration.startTimer({ route: `trpc:${path}`, method: type });
  const result = await next();
  end({ status: result.ok ? "200" : result.error.code });
  return result;
});

/** Input that PostgreSQL cannot store (NUL, unpaired surrogates) or nested beyond reason is a 400 before any procedure runs. */
const cleanInput = t.middleware(async ({ getRawInput, next }) => {
  const raw = await getRawInput();
  if (nestsDeeperThan(raw, MAX_INPUT_DEPTH)) throw new TRPCError({ code: "BAD_REQUEST", message: `input: nested more than ${MAX_INPUT_DEPTH} levels deep` });
  const unsafe = findUnsafeText(raw, "input");
  if (unsafe) throw new TRPCError({ code: "BAD_REQUEST", message: unsafeTextMessage(unsafe) });
  return next();
});

/** Declared public: the router walk test lists every such procedure explicitly. */
export const publicProcedure = t.procedure.use(timing).use(cleanInput).use(errorMapping);

function roleProcedure(minRole: Role) {
  return publicProcedure.meta({ minRole }).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first." });
    if (!hasRole(ctx.user.role, minRole)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${minRole} role.` });
    }
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}

export const viewerProcedure = roleProcedure("VIEWER");
export const operatorProcedure = roleProcedure("OPERATOR");
export const adminProcedure = roleProcedure("ADMIN");
