import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "./db/client";
import { notFoundError } from "./errors";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export const issueTokenInput = z.object({ name: z.string().trim().min(1, "a name is required").max(100), scope: z.enum(["READ", "WRITE"]) });

/** A new token for scripts; the value is returned once, only its hash is stored. */
export async function issueApiToken(db: Db, input: z.input<typeof issueTokenInput>, createdById: string | null) {
  const { name, scope } = issueTokenInput.parse(input);
  const token = `vgt_${randomBytes(24).toString("base64url")}`;
  const row = await db.apiToken.create({ data: { name, scope, tokenHash: hash(token), createdById } });
  return { id: row.id, token };
}

export function listApiTokens(db: Db) {
  return db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, scope: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}

export async function revokeApiToken(db: Db, id: string) {
  const revoked = await db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!revoked.count) throw notFoundError("api_token", "No such active token.");
}

/** The scope of a valid, unrevoked token, or null; its last use is recorded. */
export async function apiTokenScope(db: Db, token: string): Promise<"READ" | "WRITE" | null> {
  return (await apiTokenHolder(db, token))?.scope ?? null;
}

/** A live token's scope and the administrator who issued it (who a change made with it is recorded against). */
export async function apiTokenHolder(db: Db, token: string): Promise<{ scope: "READ" | "WRITE"; issuedById: string | null } | null> {
  const row = await db.apiToken.findUnique({ where: { tokenHash: hash(token) } });
  if (!row || row.revokedAt) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { scope: row.scope, issuedById: row.createdById };
}
