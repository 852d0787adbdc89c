import { readFileSync } from "node:fs";
import { join } from "node:path";

export const fixture = (name: string) => readFileSync(join(import.meta.dirname, "../../fixtures/meter-telegrams", name));
export const hex = (s: string) => Buffer.from(s, "hex");

/** The test keys the fixtures' upstream projects publish (see the fixtures' README). */
export const keys = {
  smarty: { key: hex("D491470F47126332B07D1923B3504188"), authKey: hex("00112233445566778899AABBCCDDEEFF") },
  luxSpec: { key: hex("0123456789abcdef0123456789abcdef"), authKey: hex("ffeeddccbbaa99887766554433221100") },
  e450: { key: hex("5C316162209EBB790B52EB0E7FC5B11C"), authKey: hex("92705C5C97286064EABAE38D190F87A4") },
  kaifa: { key: hex("36C66639E48A8CA4D6BC8B282A793BBB") },
};
