import { randomBytes } from "node:crypto";
import type { Db } from "../../../src/platform/db/client";
import type { SessionUser } from "../../../src/server/auth/session-user";
import type { Role } from "../../../src/lib/roles";
import { hashPassword } from "../../../src/platform/users/password";

export async function createTestUser(db: Db, role: Role, password = "correct horse battery"): Promise<SessionUser & { password: string }> {
  const email = `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@test.local`;
  const user = await db.user.create({
    data: { email, name: `${role} user`, role, passwordHash: await hashPassword(password) },
  });
  return { id: user.id, email, name: user.name, role, password };
}
