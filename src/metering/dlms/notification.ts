import { cosemUnitName } from "../cosem-units";
import { decodeError } from "../errors";
import { normaliseObisValues, type ObisValue } from "../obis";
import type { DecodedFrame } from "../reading";
import { cosemDateTime, decodeAxdr, type DlmsData } from "./axdr";
import { profileFor, readPositionalList, type MeterProfile } from "./meter-profiles";
import type { DlmsProfileName } from "./profile-names";
import { dlmsText, readPushContent, type CosemEntry } from "./push-layouts";

/** Where meters put their number, best first; list identifiers and meter types are not one. */
const METER_ID_CODES = ["0-0:96.1.0", "0-0:42.0.0", "0-0:96.1.1", "1-1:0.0.5", "1-0:0.0.5", "1-1:0.0.1", "1-0:0.0.1", "0-0:96.1.2", "0-0:96.1.3"];
const METER_TYPE_CODES = ["0-0:96.1.7", "1-1:96.1.1", "1-0:96.1.1"];

const cde = (obis: string) => (obis.startsWith("1-") ? obis.slice(obis.indexOf(":") + 1) : null);
const round = (n: number) => Number(n.toPrecision(12));

function entryValue(entry: CosemEntry, profile: MeterProfile): ObisValue | null {
  const d = entry.value;
  if (d.type === "integer" || d.type === "float" || d.type === "enum") {
    if (entry.scalerUnit) return { obis: entry.obis, value: round(d.value * 10 ** entry.scalerUnit.scaler), unit: cosemUnitName(entry.scalerUnit.unit) };
    const code = cde(entry.obis);
    const rule = code ? profile.scalers[code] : undefined;
    if (!rule) return { obis: entry.obis, value: d.value, unit: null };
    const scaler = rule.unit === "V" && profile.decivoltsAbove !== undefined && Math.abs(d.value) >= profile.decivoltsAbove ? -1 : rule.scaler;
    return { obis: entry.obis, value: round(d.value * 10 ** scaler), unit: rule.unit };
  }
  if (d.type === "octet-string" && d.value.length === 12 && cosemDateTime(d.value))
    return { obis: entry.obis, value: cosemDateTime(d.value)!.toISOString(), unit: null };
  const text = dlmsText(d);
  if (text !== null) return { obis: entry.obis, value: text, unit: null };
  if (d.type === "octet-string") return { obis: entry.obis, value: Buffer.from(d.value).toString("hex"), unit: null };
  if (d.type === "boolean") return { obis: entry.obis, value: d.value ? 1 : 0, unit: null };
  return null;
}

const textOf = (values: ObisValue[], codes: string[]) => {
  for (const code of codes) {
    const found = values.find((v) => v.obis === code && String(v.value).trim() && !/^0*$/.test(String(v.value)));
    if (found) return String(found.value).trim();
  }
  return null;
};

export type NotificationContext = { systemTitle?: Uint8Array; profile?: DlmsProfileName };

/** The values of a notification body, named and scaled, with the meter's clock and number when it sends them. */
export function notificationValues(
  body: DlmsData,
  context: NotificationContext = {},
): { values: ObisValue[]; timestamp: Date | null; meterId: string | null; listId: string | null } {
  const content = readPushContent(body);
  let { entries, listId } = content;
  let clock = content.clock;
  let manufacturer: string | null = null;
  if (content.layout === "positional") {
    const positional = readPositionalList(content.positional);
    if (!positional) {
      throw decodeError(
        "UNSUPPORTED",
        `a push of ${content.positional.length} values without codes${listId ? ` (list ${JSON.stringify(listId.slice(0, 20))})` : ""} that no known meter list describes`,
      );
    }
    entries = positional.entries;
    manufacturer = positional.manufacturer;
    listId = positional.listId;
    if (positional.clock?.type === "octet-string") clock = cosemDateTime(positional.clock.value);
  }
  const texts = entries.flatMap((e) => {
    const t = dlmsText(e.value);
    return t === null ? [] : [{ obis: e.obis, value: t, unit: null }];
  });
  const title = context.systemTitle ? Buffer.from(context.systemTitle.subarray(0, 3)).toString("latin1") : null;
  manufacturer ??= textOf(texts, ["0-0:42.0.0"])?.slice(0, 3) ?? (title && /^[A-Za-z]{3}$/.test(title) ? title : null);
  const profile = profileFor(context.profile, listId, manufacturer, textOf(texts, METER_TYPE_CODES));
  const values = entries.flatMap((e) => entryValue(e, profile) ?? []);
  return { values, timestamp: clock, meterId: textOf(values, METER_ID_CODES) ?? content.looseText, listId };
}

/**
 * A DataNotification APDU (0x0F): long-invoke-id, optional date-time, then the body, decoded to a
 * frame with normalised fields. Throws MeterDecodeError when the APDU or its body is not understood.
 */
export function parseDataNotification(apdu: Uint8Array, context: NotificationContext = {}): DecodedFrame {
  if (apdu[0] !== 0x0f) throw decodeError("FORMAT", `not a data-notification APDU (tag 0x${(apdu[0] ?? 0).toString(16)})`);
  if (apdu.length < 7) throw decodeError("TRUNCATED", "data-notification header cut");
  let offset = 5;
  let timestamp: Date | null = null;
  if (apdu[offset] === 0x0c) {
    if (apdu.length < offset + 13) throw decodeError("TRUNCATED", "date-time cut");
    timestamp = cosemDateTime(apdu.subarray(offset + 1, offset + 13));
    offset += 13;
  } else if (apdu[offset] === 0x09 && apdu[offset + 1] === 0x0c) {
    if (apdu.length < offset + 14) throw decodeError("TRUNCATED", "date-time cut");
    timestamp = cosemDateTime(apdu.subarray(offset + 2, offset + 14));
    offset += 14;
  } else if (apdu[offset] === 0x00) offset += 1;
  else throw decodeError("FORMAT", "data-notification date-time malformed");
  const { data, next } = decodeAxdr(apdu, offset);
  if (next !== apdu.length) throw decodeError("FORMAT", `${apdu.length - next} bytes after the notification body`);
  const found = notificationValues(data, context);
  const { fields, registers } = normaliseObisValues(found.values, "si");
  return {
    protocol: "dlms",
    meterId: found.meterId,
    // The clock captured with the values, else the notification's own time.
    timestamp: found.timestamp ?? timestamp,
    fields,
    registers,
    mbus: [],
    objects: found.values,
    checksum: "valid",
    ...(found.listId ? { version: found.listId } : {}),
  };
}
