import type { AlertTexts } from "../platform/alerts/alert-types";

const backupStatus: Record<string, string> = { NEW: "nouvelle", OK: "OK", LATE: "en retard", FAILED: "en échec", MISSING: "manquante", PAUSED: "en pause" };
const registers = {
  import: "L'énergie importée",
  export: "L'énergie exportée",
  reactiveImport: "L'énergie réactive importée",
  reactiveExport: "L'énergie réactive exportée",
};

/** Alert texts in French (the default language). */
export const alertTextsFr: AlertTexts = {
  backupStatus,
  backupFlip: (job, from, to) => `${job} : ${backupStatus[from] ?? from} → ${backupStatus[to] ?? to}`,
  labels: {
    power_over_limit: "Puissance au-dessus du contrat",
    phase_lost: "Phase perdue",
    voltage_low: "Creux de tension",
    voltage_high: "Surtension",
    thd_high: "Taux d'harmoniques élevé",
    frequency_out_of_range: "Fréquence hors plage",
    power_factor_low: "Facteur de puissance bas",
    consumption_spike: "Consommation inhabituelle",
    meter_online: "Compteur de retour",
    meter_offline: "Compteur hors ligne",
    register_backwards: "Index en baisse",
    register_jump: "Saut d'index impossible",
    checksum_errors: "Erreurs de somme de contrôle",
    link_stalled: "Liaison muette",
    "backup.artefact_small": "Sauvegarde bien plus petite",
    "backup.run_long": "Sauvegarde bien plus longue",
    campaign_run_error: "Campagne non exécutée",
    campaign_run_failed: "Campagne en échec",
    "notification.test": "Notification de test",
    "backup.new": "Sauvegarde nouvelle",
    "backup.ok": "Sauvegarde OK",
    "backup.recovered": "Sauvegarde rétablie",
    "backup.late": "Sauvegarde en retard",
    "backup.missing": "Sauvegarde manquante",
    "backup.failed": "Sauvegarde en échec",
    "backup.paused": "Sauvegarde en pause",
  },
  backupReasons: {
    paused: () => "suspendue",
    no_schedule: () => "sans planning",
    nothing_yet: () => "rien reçu pour l'instant",
    last_backup: (p, f) => `dernière sauvegarde le ${f.dateTime(p.at)}`,
    due: (p, f) => `attendue le ${f.dateTime(p.due)}`,
    missing: (p, f) =>
      `${p.lastSuccessAt ? `rien de nouveau depuis le ${f.dateTime(p.lastSuccessAt)}` : "rien reçu"} ; attendue le ${f.dateTime(p.due)}, délai de grâce écoulé le ${f.dateTime(p.graceEnd)}`,
    location_missing: (p) => `l'emplacement ${p.path} n'existe pas`,
    location_denied: (p) => `accès refusé en lecture à ${p.path}`,
    location_not_directory: (p) => `l'emplacement ${p.path} n'est pas un dossier`,
    location_unreadable: (p) => `impossible de lire ${p.path} : ${p.error}`,
    artefact_empty: (p) => `le fichier ${p.path} est vide`,
    artefact_too_small: (p, f) => `le fichier ${p.path} fait ${f.bytes(p.size)}, sous le minimum de ${f.bytes(p.minSize)}`,
    failed: () => "échec signalé",
    tool_failed: () => "l'outil de sauvegarde a signalé un échec",
    tool_exit_code: (p) => `l'outil de sauvegarde s'est terminé avec le code ${p.exitCode}`,
    reported: (p) => p.message,
  },
  types: {
    power_over_limit: {
      title: (p) => `${p.meter} : puissance au-dessus de la limite du contrat`,
      description: (p, f) => `La puissance active de ${f.number(p.powerW)} W dépasse les ${f.number(p.limitW)} W souscrits.`,
    },
    phase_lost: {
      title: (p) => `${p.meter} : phase ${p.phase} perdue`,
      description: (p, f) => `${p.phase} à ${f.number(p.voltageV, 1)} V alors que ${p.livePhases.join(", ")} sont sous tension.`,
    },
    voltage_low: {
      title: (p) => `${p.meter} : creux de tension sur ${p.phase}`,
      description: (p, f) => `${f.number(p.voltageV, 1)} V est hors de ${f.number(p.nominalV)} V ± ${f.number(p.tolerancePct, 1)} %.`,
    },
    voltage_high: {
      title: (p) => `${p.meter} : surtension sur ${p.phase}`,
      description: (p, f) => `${f.number(p.voltageV, 1)} V est hors de ${f.number(p.nominalV)} V ± ${f.number(p.tolerancePct, 1)} %.`,
    },
    thd_high: {
      title: (p) => `${p.meter} : taux d'harmoniques de tension élevé sur ${p.phase}`,
      description: (p, f) => `THD de ${f.number(p.thdPct, 1)} % au-dessus de ${f.number(p.maxPct, 1)} %.`,
    },
    frequency_out_of_range: {
      title: (p) => `${p.meter} : fréquence hors plage`,
      description: (p, f) => `${f.number(p.frequencyHz, 3)} Hz est hors de ${f.number(p.nominalHz)} Hz ± ${f.number(p.tolerancePct, 2)} %.`,
    },
    power_factor_low: {
      title: (p) => `${p.meter} : facteur de puissance bas`,
      description: (p, f) => `Facteur de puissance de ${f.number(p.powerFactor, 3)} sous ${f.number(p.minPowerFactor, 3)} à ${f.number(p.powerW)} W.`,
    },
    consumption_spike: {
      title: (p) => `${p.meter} : consommation bien au-dessus de l'habitude`,
      description: (p, f) =>
        `${f.number(p.hourKwh, 2)} kWh sur cette heure contre ${f.number(p.usualKwh, 2)} kWh en moyenne à la même heure des ${p.weeks} semaines précédentes.`,
    },
    meter_online: {
      title: (p) => `${p.meter} est de nouveau en ligne`,
      description: () => "Les relevés arrivent de nouveau.",
    },
    meter_offline: {
      title: (p) => `${p.meter} est hors ligne`,
      description: (p, f) =>
        p.lastReadingAt
          ? `Aucun relevé depuis le ${f.dateTime(p.lastReadingAt)} (${p.intervals} intervalles attendus de ${f.seconds(p.pollSeconds)}).`
          : "Aucun relevé pour l'instant.",
    },
    register_backwards: {
      title: (p) => `${p.meter} : l'index d'énergie a baissé`,
      description: (p, f) =>
        `L'index 1.8.0 est passé de ${f.number(p.fromKwh, 3)} à ${f.number(p.toKwh, 3)} kWh : compteur remplacé ou remis à zéro. Un nouveau segment commence ; aucune consommation négative n'est comptée.`,
    },
    register_jump: {
      title: (p) => `${p.meter} : saut d'index impossible`,
      description: (p, f) =>
        `${registers[p.register]} est passée de ${f.number(p.from, 3)} à ${f.number(p.to, 3)} ${p.register.startsWith("reactive") ? "kvarh" : "kWh"}, soit ${f.number(p.impliedW)} W en moyenne, au-delà des ${f.number(p.maxW)} W que ce compteur peut tirer : non comptée comme consommation. Vérifiez le décodage (facteur d'échelle, unité) ou si le compteur a été remplacé.`,
    },
    checksum_errors: {
      title: (p) => `${p.meter} : rafale d'erreurs de somme de contrôle`,
      description: (p) => `${p.count} trames refusées par leur somme de contrôle en 5 minutes : vérifiez le câble ou la tête optique. Dernière : ${p.last}`,
    },
    link_stalled: {
      title: (p) => `${p.meter} : liaison muette, reconnexion`,
      description: (p, f) => `Aucune trame depuis ${f.seconds(p.silentSeconds)} sur ${p.port}.`,
    },
    "backup.artefact_small": {
      title: (p) => `${p.job} : fichier bien plus petit que d'habitude`,
      description: (p, f) => `${p.path} fait ${f.bytes(p.size)} ; la médiane des ${p.samples} précédents est de ${f.bytes(p.median)}.`,
    },
    "backup.run_long": {
      title: (p) => `${p.job} : exécution bien plus longue que d'habitude`,
      description: (p, f) => `L'exécution a duré ${f.seconds(p.durationS)} ; la médiane des ${p.samples} précédentes est de ${f.seconds(p.medianS)}.`,
    },
    campaign_run_error: {
      title: (p) => `La campagne « ${p.campaign} » n'a pas pu s'exécuter`,
      description: (p) => p.error,
    },
    campaign_run_failed: {
      title: (p) => `La campagne « ${p.campaign} » a échoué`,
      description: (p) => `Rapport « ${p.report} » : ${p.failed} en échec, ${p.passed} réussis, ${p.skipped} ignorés.`,
    },
    "notification.test": {
      title: () => "Notification de test",
      description: (p) => `Ceci est un test du canal « ${p.channel} ».`,
    },
  },
};
