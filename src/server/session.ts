import "server-only";
import { redirect } from "next/navigation";
import { cache } from "react";
import { hasRole, type Role } from "~/lib/roles";
import { auth } from "./auth";
import { resolveSessionUser } from "./auth/session-user";
import { db } from "./web-db";

/** The signed-in user for this request (checked against the database), or null. */
export const getCurrentUser = cache(async () => resolveSessionUser(db, await auth()));

/** For pages: sends anonymous visitors to the login page and under-privileged ones to /forbidden. */
export async function requireUser(minRole: Role = "VIEWER") {
  const user = await getCurrentUser();
  if (!user) redirect("/login?expired=1");
  if (!hasRole(user.role, minRole)) redirect("/forbidden");
  return user;
}
