import type { AlertFormat } from "../platform/alerts/alert-types";
import type { RequestFailure, RunLogTexts, StopReason } from "../campaigns/run-log-types";

const networkErrors: Record<string, string> = {
  ECONNREFUSED: "connexion refusée",
  ECONNRESET: "connexion réinitialisée par le serveur",
  ENOTFOUND: "hôte introuvable (DNS)",
  EAI_AGAIN: "nom d'hôte impossible à résoudre pour l'instant (DNS)",
  ETIMEDOUT: "délai de connexion dépassé",
  EHOSTUNREACH: "hôte injoignable",
  UND_ERR_CONNECT_TIMEOUT: "délai de connexion dépassé",
  UND_ERR_SOCKET: "connexion fermée par le serveur",
  DEPTH_ZERO_SELF_SIGNED_CERT: "certificat auto-signé",
  SELF_SIGNED_CERT_IN_CHAIN: "certificat signé par une autorité inconnue (auto-signé dans la chaîne)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "certificat signé par une autorité inconnue",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "certificat signé par une autorité inconnue",
  CERT_HAS_EXPIRED: "certificat expiré",
  CERT_NOT_YET_VALID: "certificat pas encore valide",
  ERR_TLS_CERT_ALTNAME_INVALID: "le certificat ne correspond pas au nom d'hôte",
};

const stopReason = (reason: StopReason) =>
  reason.code === "first_failure"
    ? `arrêt au premier échec${reason.test === undefined ? "" : ` (« ${reason.test} » a échoué)`}`
    : reason.code === "cancelled"
      ? "annulée par un utilisateur"
      : reason.message;

const tooLarge = (maxChars: number, f: AlertFormat) =>
  `corps trop long pour les vérifications : plus de ${f.number(maxChars)} caractères (augmentez maxBodyChars)`;

const timedOut = (ms: number, f: AlertFormat) => `délai dépassé après ${f.number(ms)} ms`;
const requestFailure = (p: RequestFailure) =>
  `${p.method} ${p.origin} : ${p.errorCode && networkErrors[p.errorCode] ? `${networkErrors[p.errorCode]} (${p.errorCode})` : p.detail}`;

/** A campaign run's log lines in French (the default language). */
export const runLogTextsFr: RunLogTexts = {
  stopReason,
  timedOut,
  requestFailure,
  lines: {
    request: (p) => `→ ${p.method} ${p.url}`,
    response: (p, f) =>
      `← ${p.status} ${p.statusText} en ${f.number(p.ms)} ms, ${p.complete ? `${f.number(p.chars)} caractères` : `plus de ${f.number(p.chars)} caractères (lecture arrêtée)`}`,
    body: (p) => p.text,
    check_passed: (p) => `✓ ${p.name}`,
    check_failed: (p) => `✗ ${p.name}${p.detail !== undefined ? ` (${p.detail})` : p.actual !== undefined ? ` (obtenu ${p.actual})` : ""}`,
    check_body_too_large: (p, f) => `✗ ${p.name} (${tooLarge(p.maxChars, f)})`,
    check_skipped: (p) => `ignorée : ${p.name}`,
    script_check_failed: (p) => `✗ ${p.name} : ${p.detail ?? "échec"}`,
    captured: (p) => `${p.variable} capturée`,
    extract_body_too_large: (p, f) => `✗ ${p.variable} non extraite : ${tooLarge(p.maxChars, f)}`,
    extract_error: (p) => `✗ ${p.variable} non extraite : ${p.detail}`,
    extract_nothing: (p) => `✗ rien à extraire pour ${p.variable}`,
    wait: (p, f) => `attente de ${f.number(p.ms)} ms`,
    set: (p) => `${p.names.length > 1 ? "variables définies" : "variable définie"} : ${p.names.join(", ")}`,
    test_skipped: (p) => `ignoré : ${stopReason(p.reason)}`,
    test_stopped: (p) => `arrêté : ${stopReason(p.reason)}`,
    test_resumed: () => "repris : le worker qui exécutait ce test s'est arrêté",
    no_action: () => "ce test n'a aucune action",
    action_skipped: (p) => `ignorée : ${p.action} (arrêt au premier échec)`,
    unknown_action: (p) => `${p.action} : type d'action inconnu`,
    retry: (p) => `${p.action} : nouvel essai ${p.attempt} sur ${p.retries}`,
    unknown_variable: (p) => `${p.action} : variable inconnue {{${p.name}}}, envoyée telle quelle`,
    invalid_params: (p) => `${p.action} : paramètres invalides : ${p.issues.map((i) => `${i.path} : ${i.fr}`).join(" ; ")}`,
    action_timeout: (p, f) => `${p.action} : ${timedOut(p.ms, f)}`,
    request_failed: (p) => `${p.action} : ${requestFailure(p)}`,
    action_failed: (p) => `${p.action} : ${p.detail}`,
    postman_exchange: (p, f) => `${p.method} ${p.url} → ${p.status ?? "sans statut"}${p.ms === null ? "" : ` (${f.number(p.ms)} ms)`}`,
    postman_request_failed: (p) => `${p.method} ${p.url} : ${p.detail}`,
    script_error: (p) => `erreur de script : ${p.detail}`,
    console: (p) => p.text,
    replayed: (p, f) => `repris : la collection a été rejouée depuis le début pour reconstituer ses variables (${f.number(p.kept)} résultats conservés)`,
  },
};
