/** The meter families whose DLMS pushes carry values without scaler (see meter-profiles.ts). */
export const dlmsProfileNames = ["generic", "kaifa", "kamstrup", "kamstrup-ct", "landis-gyr-e450", "landis-gyr-e570", "iskra-am550"] as const;
export type DlmsProfileName = (typeof dlmsProfileNames)[number];
