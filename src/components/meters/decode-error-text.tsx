"use client";

import { useI18n } from "~/i18n/client";

/** A decoder's refusal: what its code means in the reader's language, then the decoder's own detail, kept as evidence. */
export function DecodeErrorText({ code, detail }: { code: string; detail: string }) {
  const { t } = useI18n();
  const meaning = t.meters.decodeErrors[code];
  if (!meaning) return <>{`${code}: ${detail}`}</>;
  return (
    <>
      <span className="font-sans font-medium">{meaning}</span> <span data-code={code}>({`${code}: ${detail}`})</span>
    </>
  );
}

/** A meter's last error as stored: a decoder's refusal ("CHECKSUM: CRC 6EEE does not match…") or any other text (a missing port). */
export function MeterErrorText({ error }: { error: string }) {
  const [, code, detail] = error.match(/^([A-Z]+): ([\s\S]*)$/) ?? [];
  return code && detail !== undefined ? <DecodeErrorText code={code} detail={detail} /> : error;
}
