import type { Db } from "../db/client";
import type { Role } from "../../lib/roles";
import { generatePassword, hashPassword, verifyPassword } from "./password";
import type { CreateUserInput } from "./schemas";

import { DomainError } from "../errors";

const userErrors = {
  email_taken: "CONFLICT",
  not_found: "NOT_FOUND",
  last_admin: "PRECONDITION_FAILED",
  wrong_password: "BAD_REQUEST",
  same_password: "BAD_REQUEST",
} as const satisfies Record<string, DomainError["kind"]>;

export class UserError extends DomainError {
  constructor(code: keyof typeof userErrors, message: string, params: Record<string, string> = {}) {
    super(userErrors[code], code, message, { params: code === "not_found" ? { entity: "user" } : params });
  }
}

const publicFields = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  lastLoginAt: true,
  createdAt: true,
} as const;

export function listUsers(db: Db) {
  return db.user.findMany({ select: publicFields, orderBy: { email: "asc" } });
}

export async function createUser(db: Db, input: CreateUserInput) {
  const exists = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (exists) throw new UserError("email_taken", `A user with e-mail ${input.email} already exists.`, { email: input.email });
  return db.user.create({
    data: { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) },
    select: publicFields,
  });
}

/** Changes that narrow what a user can do end their open sessions (sessionVersion bump). */
export async function changeRole(db: Db, userId: string, role: Role) {
  return db.$transaction(async (tx) => {
    await lockAdministrators(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserError("not_found", "No such user.");
    if (user.role === "ADMIN" && role !== "ADMIN") await assertAnotherActiveAdmin(tx as Db, userId);
    return tx.user.update({
      where: { id: userId },
      data: { role, sessionVersion: { increment: 1 } },
      select: publicFields,
    });
  });
}

export async function setDisabled(db: Db, userId: string, disabled: boolean) {
  return db.$transaction(async (tx) => {
    await lockAdministrators(tx);
    const user = await tx.user.findUnique({ where: { id: userId } });
    if (!user) throw new UserError("not_found", "No such user.");
    if (disabled && user.role === "ADMIN") await assertAnotherActiveAdmin(tx as Db, userId);
    return tx.user.update({
      where: { id: userId },
      data: { disabled, sessionVersion: { increment: 1 } },
      select: publicFields,
    });
  });
}

/** Sets a new password (generated when none is given) and ends the user's sessions. */
export async function resetPassword(db: Db, userId: string, password?: string) {
  const newPassword = password ?? generatePassword();
  const updated = await db.user.updateMany({
    where: { id: userId },
    data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } },
  });
  if (updated.count === 0) throw new UserError("not_found", "No such user.");
  return { password: newPassword };
}

/**
 * A user changes their own password, proving the current one. Every session of theirs ends,
 * this one included: whoever learnt the old password is out.
 */
export async function changeOwnPassword(db: Db, userId: string, currentPassword: string, newPassword: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new UserError("not_found", "No such user.");
  if (!(await verifyPassword(user.passwordHash, currentPassword))) throw new UserError("wrong_password", "The current password is wrong.");
  if (currentPassword === newPassword) throw new UserError("same_password", "The new password is the current one.");
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword), sessionVersion: { increment: 1 } } });
}

/**
 * Changes that may remove an administrator take turns: two admins demoting each other at once
 * would otherwise both see the other still active and leave none.
 */
async function lockAdministrators(tx: Pick<Db, "$executeRaw">) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vigie:administrators'))`;
}

async function assertAnotherActiveAdmin(db: Db, exceptUserId: string) {
  const others = await db.user.count({ where: { role: "ADMIN", disabled: false, id: { not: exceptUserId } } });
  if (others === 0) throw new UserError("last_admin", "Vigie needs at least one active administrator.");
}

/**
 * On a database with no user, creates the first administrator, with the given password or a
 * generated one (returned so it can be printed once). Does nothing when any user exists.
 */
export async function ensureFirstAdmin(
  db: Db,
  input: { email: string; password?: string },
): Promise<{ created: false } | { created: true; email: string; password: string; generated: boolean }> {
  if ((await db.user.count()) > 0) return { created: false };
  const password = input.password ?? generatePassword();
  const email = input.email.trim().toLowerCase();
  await db.user.create({
    data: { email, name: "Administrator", role: "ADMIN", passwordHash: await hashPassword(password) },
  });
  return { created: true, email, password, generated: input.password === undefined };
}
