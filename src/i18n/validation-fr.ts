/**
 * The validation messages Vigie's own schemas write (in English, for API clients), in French.
 * Zod's generic messages ("Too small: …") are translated by zod's own French locale instead.
 */
export const validationMessagesFr: Record<string, string> = {
  "a name is required": "un nom est requis",
  "a location is required": "un emplacement est requis",
  "the location must be an absolute path, e.g. /mnt/nas/backups": "l'emplacement doit être un chemin absolu, par ex. /mnt/nas/sauvegardes",
  "a pattern is required, e.g. *.tar.gz": "un motif est requis, par ex. *.tar.gz",
  "unknown time zone": "fuseau horaire inconnu",
  "an interval schedule needs its interval in minutes": "un planning à intervalle a besoin de son intervalle en minutes",
  "expected start, fail or an exit code": "start, fail ou un code de sortie attendu",
  "a key is 32 hexadecimal characters (AES-128)": "une clé fait 32 caractères hexadécimaux (AES-128)",
  "letters and digits only": "lettres et chiffres uniquement",
  "a serial meter needs its port, e.g. /dev/ttyUSB0": "un compteur série a besoin de son port, par ex. /dev/ttyUSB0",
  "a DLMS meter needs its link layer: hdlc or mbus": "un compteur DLMS a besoin de sa couche liaison : hdlc ou mbus",
  "an ISO currency code, e.g. EUR": "un code de devise ISO, par ex. EUR",
  "the end must come after the start": "la fin doit venir après le début",
  "a window cannot start and end at the same time": "une plage ne peut pas commencer et finir à la même heure",
  "HH:MM": "HH:MM",
  "letters, digits, _ . -": "lettres, chiffres, _ . -",
  "a variable needs a name": "une variable a besoin d'un nom",
  "no braces or control characters": "ni accolades ni caractères de contrôle",
  "a test needs a name": "un test a besoin d'un nom",
  "an environment is required": "un environnement est requis",
  "unknown environment": "environnement inconnu",
  "already used": "déjà utilisé",
  "Letters, digits, - and _ only": "Lettres, chiffres, - et _ uniquement",
  "from must be before to": "le début doit précéder la fin",
  "fr or en": "fr ou en",
  "a client certificate needs its private key": "un certificat client a besoin de sa clé privée",
  "a CSV file with a header line, or a JSON array of objects": "un CSV avec une ligne d'en-tête, ou un tableau JSON d'objets",
  "send at least one setting": "envoyez au moins un réglage",
  "at most 100 settings at once": "au plus 100 réglages à la fois",
  "the path contains a NUL character": "le chemin contient un caractère NUL",
  "two variables have the same name": "deux variables ont le même nom",
  "unsupported baud rate": "débit (bauds) non pris en charge",
  "VIGIE_SECRET_KEY must be 64 hex characters (32 bytes)": "VIGIE_SECRET_KEY doit faire 64 caractères hexadécimaux (32 octets)",
  "Only http:// and https:// URLs": "Seules les URL http:// et https:// sont acceptées",
};

/** Why a glob or a cron expression is refused (src/backups); a parsing library's own words are kept. */
function scheduleProblemFr(problem: string): string {
  if (problem === "the pattern is relative to the location: remove the leading /") return "le motif est relatif à l'emplacement : retirez le / initial";
  if (problem === "the pattern cannot leave the location (..)") return "le motif ne peut pas sortir de l'emplacement (..)";
  if (problem === "this cron expression never fires") return "cette expression cron ne se déclenche jamais";
  const unbalanced = problem.match(/^unbalanced (..) in the pattern$/);
  return unbalanced ? `${unbalanced[1]} non équilibrés dans le motif` : problem;
}

/** Messages with a variable part: the English pattern and its French writing. */
export const validationPatternsFr: [RegExp, (...parts: string[]) => string][] = [
  [/^invalid glob: (.*)$/s, (problem) => `motif invalide : ${scheduleProblemFr(problem)}`],
  [/^invalid cron expression: (.*)$/s, (problem) => `expression cron invalide : ${scheduleProblemFr(problem)}`],
  [
    /^a secret needs at least (\d+) characters: .*$/s,
    (n) => `un secret a besoin d'au moins ${n} caractères : un secret plus court serait trouvé, et masqué, partout dans les journaux`,
  ],
  [
    /^(a certificate|a private key) in PEM form \(-----BEGIN …-----\)$/s,
    (what) => `${what === "a certificate" ? "un certificat" : "une clé privée"} au format PEM (-----BEGIN …-----)`,
  ],
  [/^(.+) needs a value$/s, (key) => `${key} a besoin d'une valeur`],
  [/^unknown action type "(.*)" \(known: (.*)\)$/s, (type, known) => `type d'action « ${type} » inconnu (connus : ${known})`],
];
