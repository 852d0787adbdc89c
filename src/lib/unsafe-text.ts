import { MAX_INPUT_DEPTH } from "./json-depth";

/**
 * NUL characters and unpaired UTF-16 surrogates cannot be stored (PostgreSQL text refuses NUL;
 * a lone surrogate is not UTF-8): finds the first string holding one, anywhere in a value.
 * Returns its path ("filters.name", "[2]"), or null when the value is clean.
 */
export function findUnsafeText(value: unknown, path = "", depth = 0): string | null {
  if (typeof value === "string") return isUnsafe(value) ? path || "(value)" : null;
  // As deep as inputs may nest (MAX_INPUT_DEPTH: a collection's request bodies lie 30 to 150 levels down), no deeper: it recurses.
  if (depth > MAX_INPUT_DEPTH || value === null || typeof value !== "object") return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    if (isUnsafe(key)) return `${path}${path ? "." : ""}(key)`;
    const found = findUnsafeText(item, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

function isUnsafe(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

export const unsafeTextMessage = (path: string) => `${path}: text may not contain a NUL character or an unpaired surrogate`;

/**
 * A value as JSON text storable in a jsonb column: a NUL or an unpaired surrogate (JSON.stringify
 * writes them as \u0000 and \udXXX escapes; PostgreSQL refuses both) becomes U+FFFD. For text from
 * outside (a meter, a server under test): what arrived is kept, minus what cannot be stored.
 */
export function storableJson(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  const json = JSON.stringify(value, replacer);
  if (!json.includes("\\u0000") && !/\\ud[89a-f]/i.test(json)) return json;
  // An escape preceded by an even number of backslashes (an odd number makes it literal text).
  return json.replace(/(?<=(?:^|[^\\])(?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, "\\ufffd");
}

/** Text from outside made storable in a text column: a NUL or an unpaired surrogate becomes U+FFFD. */
export function storableText(text: string): string {
  return isUnsafe(text) ? text.replace(/\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd") : text;
}
