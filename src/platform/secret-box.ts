import { env } from "./env";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets at rest (meter keys, environment secrets): AES-256-GCM under VIGIE_SECRET_KEY, stored as
 * "v1:<iv>:<ciphertext>:<tag>" in base64url. A wrong key or an altered value fails to open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(hexKey: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(hexKey)) throw new Error("VIGIE_SECRET_KEY must be 64 hex characters (32 bytes)");
    this.key = Buffer.from(hexKey, "hex");
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return ["v1", iv, body, cipher.getAuthTag()].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(":");
  }

  open(sealed: string): string {
    const [version, iv, body, tag] = sealed.split(":");
    if (version !== "v1" || !iv || body === undefined || !tag) throw new Error("not a sealed secret");
    const decipher = createDecipheriv("aes-256-gcm", this.key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  }
}

/** The box of this deployment: VIGIE_SECRET_KEY is required as soon as a secret is stored. */
export function secretBox(): SecretBox {
  const key = env().VIGIE_SECRET_KEY;
  if (!key) throw new Error("VIGIE_SECRET_KEY is not set: it is needed to store meter keys and other secrets (see .env.example)");
  return new SecretBox(key);
}
