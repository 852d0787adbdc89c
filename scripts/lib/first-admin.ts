import type { Db } from "../../src/platform/db/client";
import type { Logger } from "../../src/platform/logger";
import { env } from "../../src/platform/env";
import { ensureFirstAdmin } from "../../src/platform/users/users";

/**
 * The first administrator of an empty database, from VIGIE_ADMIN_EMAIL / VIGIE_ADMIN_PASSWORD.
 * Returns whether it was created, and the sign-in box to print when its password was generated
 * (printed by the caller last, once Vigie answers, so no build output pushes it out of sight).
 */
export async function createFirstAdminFromEnv(db: Db, log: Logger): Promise<{ created: boolean; notice: string | null }> {
  const { VIGIE_ADMIN_EMAIL: email, VIGIE_ADMIN_PASSWORD: password } = env();
  const result = await ensureFirstAdmin(db, { email, password });
  if (result.created && result.generated) return { created: true, notice: credentialsBox(result.email, result.password) };
  if (result.created) log.info(`first administrator ${result.email} created from VIGIE_ADMIN_EMAIL / VIGIE_ADMIN_PASSWORD`);
  return { created: result.created, notice: null };
}

/** The generated credentials in a box that stands out in a terminal. */
export function credentialsBox(email: string, password: string): string {
  const lines = ["First administrator created", "", `e-mail:   ${email}`, `password: ${password}`, "", "Shown once: change it after signing in."];
  const width = Math.max(...lines.map((l) => l.length));
  return ["", `╔${"═".repeat(width + 2)}╗`, ...lines.map((l) => `║ ${l.padEnd(width)} ║`), `╚${"═".repeat(width + 2)}╝`, ""].join("\n");
}
