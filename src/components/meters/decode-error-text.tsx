"use client";

import { useI18n } from "~/i18n/client";

/**
 * A decoder's refusal as stored ("CHECKSUM: CRC 6EEE does not match…"): what it means in the
 * reader's language, then the decoder's own detail, kept as evidence.
 */
export function DecodeErrorText({ error }: { error: string }) {
  const { t } = useI18n();
  const [, code, detail] = error.match(/^([A-Z]+): ([\s\S]*)$/) ?? [];
  const meaning = code ? t.meters.decodeErrors[code] : undefined;
  if (!meaning) return <>{error}</>;
  return (
    <>
      <span className="font-sans font-medium">{meaning}</span> <span data-code={code}>({`${code}: ${detail}`})</span>
    </>
  );
}
