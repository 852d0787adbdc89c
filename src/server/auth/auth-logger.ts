import type { NextAuthConfig } from "next-auth";
import { createLogger } from "../../platform/logger";

const log = createLogger("auth");

/**
 * Auth.js's messages in Vigie's log: a refused sign-in (wrong password, throttled) is an
 * expected event, one warning line; only real failures keep their error and stack.
 */
export const authLogger: NonNullable<NextAuthConfig["logger"]> = {
  error(error) {
    const type = (error as { type?: string }).type;
    if (type === "CredentialsSignin") log.warn("sign-in refused: wrong e-mail or password, or too many attempts");
    else log.error(`${type ?? error.name}: ${error.message}`, { error });
  },
  warn(code) {
    log.warn(`Auth.js warning: ${code}`);
  },
  debug(message, metadata) {
    log.debug(message, { metadata });
  },
};
