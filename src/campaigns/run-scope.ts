import type { Db } from "../platform/db/client";
import { secretBox } from "../platform/secret-box";
import { secretMasker } from "./variables";

/** An environment's variables in clear for a run, and the masker that hides its secrets again. */
export async function loadEnvironmentScope(db: Db, environmentId: string) {
  const variables = await db.environmentVariable.findMany({ where: { environmentId } });
  const environment = new Map<string, string>();
  const secrets: string[] = [];
  const secretKeys = new Set<string>();
  for (const v of variables) {
    const value = v.secret ? secretBox().open(v.value) : v.value;
    environment.set(v.key, value);
    if (v.secret) {
      secrets.push(value);
      secretKeys.add(v.key);
    }
  }
  return { environment, mask: secretMasker(secrets), secrets, secretKeys };
}
