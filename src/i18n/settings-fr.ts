/** Each setting's label, help and unit as an operator reads them, by setting key (French). */
export const settingTextsFr = {
  categories: {
    platform: "Général",
    notifications: "Notifications",
    backups: "Sauvegardes",
    energy: "Énergie",
    "energy.thresholds": "Énergie : seuils d'alerte",
    campaigns: "Campagnes",
  } as Record<string, string>,
  fields: {
    "ui.siteName": { label: "Nom du site", help: "Affiché dans l'en-tête et dans les notifications." },
    "ui.siteLanguage": { label: "Langue des notifications", help: "fr ou en. Chaque utilisateur voit les écrans dans la langue qu'il a choisie." },
    "live.retentionDays": {
      label: "Conservation des événements en direct",
      help: "Durée pendant laquelle un navigateur reconnecté peut rattraper les événements manqués.",
      unit: "jours",
    },
    "system.workerStaleSeconds": {
      label: "Worker considéré arrêté après",
      help: "Sans signe de vie d'un worker pendant ce délai, Système l'indique arrêté.",
      unit: "s",
    },
    "notifications.maxAttempts": { label: "Tentatives par notification", help: "Nombre d'envois essayés (avec un délai croissant) avant d'abandonner." },
    "backups.scannerEnabled": { label: "Scans planifiés", help: "Les pings et les scans manuels continuent de fonctionner. Effet immédiat." },
    "backups.scannerIntervalMinutes": {
      label: "Intervalle entre deux scans",
      help: "0 : la valeur de SCANNER_INTERVAL_MINUTES (15 par défaut). Effet immédiat.",
      unit: "min",
    },
    "backups.smallArtefactRatio": {
      label: "Artefact anormalement petit sous",
      help: "Fraction de la taille médiane des artefacts précédents (0,5 = moitié) en dessous de laquelle un avertissement est levé.",
    },
    "backups.longRunFactor": { label: "Exécution anormalement longue au-delà de", help: "Multiple de la durée médiane des exécutions précédentes.", unit: "×" },
    "energy.timezone": {
      label: "Fuseau horaire du site",
      help: "Les journées, les coûts et les graphiques commencent à minuit dans ce fuseau (ex. Europe/Paris).",
    },
    "energy.rawRetentionDays": {
      label: "Conservation des lectures brutes",
      help: "Les cumuls horaires et journaliers sont gardés sans limite.",
      unit: "jours",
    },
    "energy.alertCooldownMinutes": {
      label: "Regroupement des alertes compteur",
      help: "Une anomalie qui se répète dans ce délai reste le même incident : une seule alerte.",
      unit: "min",
    },
    "energy.offlineIntervals": {
      label: "Compteur hors ligne après",
      help: "Nombre d'intervalles attendus sans lecture avant de déclarer le compteur hors ligne et de rouvrir sa liaison.",
      unit: "intervalles",
    },
    "energy.contractLimitW": { label: "Puissance souscrite", help: "Au-delà, un événement est levé. 0 désactive.", unit: "W" },
    "energy.nominalVoltageV": { label: "Tension nominale", help: "230 V en Europe.", unit: "V" },
    "energy.voltageTolerancePct": { label: "Écart de tension toléré", help: "Autour de la tension nominale (EN 50160 : 10 %).", unit: "%" },
    "energy.nominalFrequencyHz": { label: "Fréquence nominale", help: "50 Hz en Europe.", unit: "Hz" },
    "energy.frequencyTolerancePct": { label: "Écart de fréquence toléré", help: "Autour de la fréquence nominale.", unit: "%" },
    "energy.minPowerFactor": { label: "Facteur de puissance minimal", help: "En dessous (avec au moins 500 W consommés), un événement est levé." },
    "energy.maxThdPct": { label: "Taux de distorsion harmonique maximal", help: "Tension (EN 50160 : 8 %).", unit: "%" },
    "energy.lostPhaseVoltageV": {
      label: "Phase perdue sous",
      help: "Une phase sous cette tension alors qu'une autre est alimentée est une phase perdue.",
      unit: "V",
    },
    "energy.checksumErrorBurst": {
      label: "Rafale d'erreurs de somme de contrôle",
      help: "Nombre d'erreurs en 5 minutes qui lève un événement.",
      unit: "erreurs",
    },
    "energy.hourlySpikeFactor": { label: "Pic horaire au-delà de", help: "Multiple de la même heure des 4 semaines précédentes.", unit: "×" },
    "energy.maxPhysicalPowerW": {
      label: "Puissance physiquement possible",
      help: "Un index qui monte plus vite est une erreur de décodage ou du compteur, écartée de la consommation (3 × 63 A × 230 V par défaut).",
      unit: "W",
    },
    "energy.hourlySpikeMinKwh": { label: "Pic horaire seulement au-delà de", help: "Ignore les très petites consommations.", unit: "kWh" },
    "campaigns.staleRunSeconds": {
      label: "Reprise d'un rapport sans signe de vie après",
      help: "Un autre worker reprend un rapport dont l'exécutant ne donne plus de nouvelles.",
      unit: "s",
    },
  } as Record<string, { label: string; help: string; unit?: string }>,
};
