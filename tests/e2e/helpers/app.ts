import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import superjson from "superjson";
import { createDb, type Db } from "../../../src/platform/db/client";
import { e2e, secretsFile } from "./environment";

export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export const loginAsAdmin = (page: Page) => login(page, e2e.admin.email, e2e.admin.password);

/** Calls a tRPC mutation over HTTP with the cookies of `request` (a signed-in context). */
export async function trpcMutation<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: superjson.serialize(input) });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${JSON.stringify(body)}`);
  return superjson.deserialize(body.result.data) as T;
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${randomBytes(3).toString("hex")}@e2e.test`;
}

let db: Db | undefined;

/** A database client on the application's own (embedded) database, to play another process. */
export async function appDb(): Promise<Db> {
  if (db) return db;
  const { postgresPassword } = JSON.parse(await readFile(secretsFile, "utf8")) as { postgresPassword: string };
  db = createDb(`postgresql://vigie:${encodeURIComponent(postgresPassword)}@127.0.0.1:${e2e.postgresPort}/vigie`, { max: 2 });
  return db;
}
