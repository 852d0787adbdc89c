import type { Db } from "../platform/db/client";
import { secretBox } from "../platform/secret-box";
import { environmentTls } from "./environment-tls";
import { secretMasker } from "./variables";

/** An environment's variables in clear for a run, and the masker that hides its secrets again. */
export async function loadEnvironmentScope(db: Db, environmentId: string) {
  const { variables, ...settings } = await db.environment.findUniqueOrThrow({ where: { id: environmentId }, include: { variables: true } });
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
  return { environment, mask: secretMasker(secrets), secrets, secretKeys, tls: environmentTls(settings) };
}
