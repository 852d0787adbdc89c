import { rootCertificates } from "node:tls";
import { Agent, type Dispatcher } from "undici";
import { z } from "zod";
import type { Environment } from "../generated/prisma/client";
import { DomainError } from "../platform/errors";
import { secretBox } from "../platform/secret-box";

/** How requests of a run reach servers over TLS, from its environment. */
export type EnvironmentTls = { insecure: boolean; ca?: string; cert?: string; key?: string };

const pem = (what: string) =>
  z
    .string()
    .trim()
    .max(100_000)
    .refine((text) => text === "" || /-----BEGIN [A-Z ]+-----[\s\S]+-----END [A-Z ]+-----/.test(text), `${what} in PEM form (-----BEGIN …-----)`);

/**
 * The TLS part of the environment form. Empty texts remove a certificate; the key, like a secret
 * variable, is never sent back: null keeps the stored one.
 */
export const environmentTlsInput = z
  .object({
    insecure: z.boolean().default(false),
    caCert: pem("a certificate").default(""),
    clientCert: pem("a certificate").default(""),
    clientKey: pem("a private key").nullable().default(null),
  })
  .default({ insecure: false, caCert: "", clientCert: "", clientKey: null });

/** The columns an environment form's TLS part writes; a key is sealed, and kept when not sent again. */
export function environmentTlsColumns(tls: z.infer<typeof environmentTlsInput>, previousKey: string | null) {
  const key = tls.clientKey === null ? previousKey : tls.clientKey ? secretBox().seal(tls.clientKey) : null;
  if (tls.clientCert && !key)
    throw new DomainError("BAD_REQUEST", "client_key_required", "A client certificate needs its private key.", {
      issues: [{ path: ["tls", "clientKey"], message: "a client certificate needs its private key" }],
    });
  return { tlsInsecure: tls.insecure, tlsCaCert: tls.caCert || null, tlsClientCert: tls.clientCert || null, tlsClientKey: tls.clientCert ? key : null };
}

/** An environment's TLS settings as a run uses them (its key opened). */
export function environmentTls(env: Pick<Environment, "tlsInsecure" | "tlsCaCert" | "tlsClientCert" | "tlsClientKey">): EnvironmentTls {
  return {
    insecure: env.tlsInsecure,
    ca: env.tlsCaCert ?? undefined,
    cert: env.tlsClientCert ?? undefined,
    key: env.tlsClientKey ? secretBox().open(env.tlsClientKey) : undefined,
  };
}

/** The connection pool of a run's HTTP actions when its environment changes TLS; undefined keeps fetch's default. */
export function tlsDispatcher(tls: EnvironmentTls): Dispatcher | undefined {
  if (!tls.insecure && !tls.ca && !tls.cert) return undefined;
  return new Agent({
    connect: {
      rejectUnauthorized: !tls.insecure,
      // An extra CA adds to the usual roots, it does not replace them.
      ca: tls.ca ? [...rootCertificates, tls.ca] : undefined,
      cert: tls.cert,
      key: tls.key,
    },
  });
}
