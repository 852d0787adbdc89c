import type { Db } from "../../src/platform/db/client";
import type { Logger } from "../../src/platform/logger";
import { env } from "../../src/platform/env";
import { ensureFirstAdmin } from "../../src/platform/users/users";

/**
 * The first administrator of an empty database, from VIGIE_ADMIN_EMAIL / VIGIE_ADMIN_PASSWORD (a
 * generated password is printed once). Returns whether it was created.
 */
export async function createFirstAdminFromEnv(db: Db, log: Logger): Promise<boolean> {
  const { VIGIE_ADMIN_EMAIL: email, VIGIE_ADMIN_PASSWORD: password } = env();
  const result = await ensureFirstAdmin(db, { email, password });
  if (result.created && result.generated) {
    console.log(
      `\n  First administrator created.\n    e-mail:   ${result.email}\n    password: ${result.password}\n  (shown once; change it after signing in)\n`,
    );
  } else if (result.created) {
    log.info(`first administrator ${result.email} created from VIGIE_ADMIN_EMAIL / VIGIE_ADMIN_PASSWORD`);
  }
  return result.created;
}
