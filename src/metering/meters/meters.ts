import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "../../platform/db/client";
import type { Meter, Prisma } from "../../generated/prisma/client";
import { notFoundError, nameTakenError } from "../../platform/errors";
import { enqueueJob } from "../../platform/jobs/enqueue";
import { secretBox } from "../../platform/secret-box";
import { meterInput, type MeterInput } from "./schemas";

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** What a browser may see of a meter: keys only as "set or not", never their value. */
export function publicMeter(meter: Meter) {
  const { encryptionKey, authenticationKey, ingestTokenHash, ...rest } = meter;
  return { ...rest, hasEncryptionKey: encryptionKey !== null, hasAuthenticationKey: authenticationKey !== null, hasIngestToken: ingestTokenHash !== null };
}

function toData(input: MeterInput): Prisma.MeterUncheckedCreateInput {
  const m = meterInput.parse(input);
  const seal = (key: string | null | undefined) => (key === undefined ? undefined : key === null ? null : secretBox().seal(key.toLowerCase()));
  return {
    ...m,
    serialNumber: m.serialNumber ?? null,
    portPath: m.transport === "SERIAL" ? m.portPath! : null,
    dlmsLink: m.protocol === "DLMS" ? m.dlmsLink! : null,
    dlmsProfile: m.protocol === "DLMS" ? (m.dlmsProfile ?? null) : null,
    encryptionKey: seal(m.encryptionKey),
    authenticationKey: seal(m.authenticationKey),
    simulator: m.transport === "SIMULATED" ? (m.simulator ?? {}) : undefined,
  };
}

/** Worker links follow meter changes at once (the 30-second resync is only a safety net). */
/** Asks the worker to reopen its links to match the meters table. */
export const resyncLinks = (db: Db) => enqueueJob(db, "meters_sync", {}, { jobKey: "meters_sync" });

async function assertNameFree(db: Db, name: string, exceptId?: string) {
  const other = await db.meter.findUnique({ where: { name }, select: { id: true } });
  if (other && other.id !== exceptId) throw nameTakenError("meter", name, `A meter named "${name}" already exists.`);
}

export async function createMeter(db: Db, input: MeterInput) {
  const data = toData(input);
  await assertNameFree(db, data.name);
  const meter = await db.meter.create({ data });
  await resyncLinks(db);
  return publicMeter(meter);
}

export async function updateMeter(db: Db, id: string, input: MeterInput) {
  const data = toData(input);
  if (!(await db.meter.findUnique({ where: { id }, select: { id: true } }))) throw notFoundError("meter", "No such meter.");
  await assertNameFree(db, data.name, id);
  const meter = await db.meter.update({ where: { id }, data: { ...data, status: data.enabled === false ? "UNKNOWN" : undefined } });
  await resyncLinks(db);
  return publicMeter(meter);
}

export async function deleteMeter(db: Db, id: string) {
  const deleted = await db.meter.deleteMany({ where: { id } });
  if (!deleted.count) throw notFoundError("meter", "No such meter.");
  await resyncLinks(db);
}

/** A new datalogger token, shown once; only its hash is kept. */
export async function rotateIngestToken(db: Db, id: string): Promise<string> {
  const token = `vgm_${randomBytes(24).toString("base64url")}`;
  const updated = await db.meter.updateMany({ where: { id }, data: { ingestTokenHash: hashToken(token) } });
  if (!updated.count) throw notFoundError("meter", "No such meter.");
  return token;
}

/** The meter whose datalogger token this is, or null (constant-time comparison). */
export async function meterForIngestToken(db: Db, id: string, token: string): Promise<Meter | null> {
  const meter = await db.meter.findUnique({ where: { id } });
  if (!meter?.ingestTokenHash) return null;
  const expected = Buffer.from(meter.ingestTokenHash, "hex");
  const given = Buffer.from(hashToken(token), "hex");
  return expected.length === given.length && timingSafeEqual(expected, given) ? meter : null;
}
