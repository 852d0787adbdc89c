/**
 * What a Postman import could not keep (src/campaigns/postman/collection.ts), by code, in French;
 * English readers get the note's own text.
 */
export const importNotesFr: Record<string, (p: Record<string, string>) => string> = {
  unknown_auth: (p) => `l'authentification « ${p.auth} » est inconnue du moteur de Postman : envoyée sans elle`,
  script_in_file: (p) => `le script ${p.listen} est dans un fichier à part (${p.src}) : non exécuté`,
  no_request: () => "aucune requête : rien à exécuter",
  uploads_file: (p) => `envoie le fichier ${p.src}, absent de la collection : envoyée sans lui`,
  form_uploads_file: (p) => `le champ de formulaire « ${p.field} » envoie ${p.src}, absent de la collection : envoyée sans lui`,
};
