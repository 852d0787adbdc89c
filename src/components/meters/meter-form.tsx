"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { ErrorText } from "~/components/ui/error-text";
import { SelectField, TextField } from "~/components/ui/field";
import { useI18n } from "~/i18n/client";
import { dlmsProfileNames, type DlmsProfileName } from "~/metering/dlms/profile-names";
import type { MeterInput } from "~/metering/meters/schemas";
import { useTRPC } from "~/trpc/react";

type Values = {
  name: string;
  serialNumber: string;
  protocol: MeterInput["protocol"];
  transport: MeterInput["transport"];
  portPath: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: "none" | "even" | "odd";
  stopBits: 1 | 2;
  dlmsLink: "hdlc" | "mbus";
  dlmsProfile: DlmsProfileName | "";
  refuseUnauthenticated: boolean;
  deviceAddress: string;
  pollIntervalSeconds: number;
  enabled: boolean;
};

export type EditableMeter = Values & { id: string; hasEncryptionKey: boolean; hasAuthenticationKey: boolean };

const blank: Values = {
  name: "",
  serialNumber: "",
  protocol: "DSMR",
  transport: "SERIAL",
  portPath: "",
  baudRate: 115200,
  dataBits: 8,
  parity: "none",
  stopBits: 1,
  dlmsLink: "hdlc",
  dlmsProfile: "",
  refuseUnauthenticated: true,
  deviceAddress: "",
  pollIntervalSeconds: 10,
  enabled: true,
};

/** Create or edit a meter. Keys are write-only: the form shows whether one is set, never its value. */
export function MeterForm({ meter }: { meter?: EditableMeter }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<Values>(meter ?? blank);
  const [keys, setKeys] = useState({ encryptionKey: "", authenticationKey: "", remove: false });
  const [token, setToken] = useState<string | null>(null);
  const set = (patch: Partial<Values>) => setValues((v) => ({ ...v, ...patch }));
  const ports = useQuery(trpc.meters.ports.queryOptions(undefined, { enabled: values.transport === "SERIAL", retry: false, staleTime: 30_000 }));
  const done = () => router.push("/energy/meters");
  const create = useMutation(trpc.meters.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.meters.update.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.meters.delete.mutationOptions({ onSuccess: done }));
  const rotate = useMutation(trpc.meters.rotateIngestToken.mutationOptions({ onSuccess: (r) => setToken(r.token) }));
  const error = create.error ?? update.error;
  const fieldError = (field: string) => error?.data?.zodIssues?.find((i) => i.path.at(-1) === field)?.message ?? null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const key = (value: string) => (keys.remove ? null : value.trim() ? value.trim() : undefined);
    const data = {
      ...values,
      serialNumber: values.serialNumber || null,
      portPath: values.transport === "SERIAL" ? values.portPath : null,
      dlmsLink: values.protocol === "DLMS" ? values.dlmsLink : null,
      dlmsProfile: values.protocol === "DLMS" && values.dlmsProfile ? values.dlmsProfile : null,
      encryptionKey: key(keys.encryptionKey),
      authenticationKey: key(keys.authenticationKey),
    };
    if (meter) update.mutate({ id: meter.id, data });
    else create.mutate(data);
  };

  const hasKeys = Boolean(
    keys.encryptionKey.trim() || keys.authenticationKey.trim() || (!keys.remove && (meter?.hasEncryptionKey || meter?.hasAuthenticationKey)),
  );
  return (
    <form onSubmit={submit} className="max-w-2xl space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label={t.common.name} value={values.name} onChange={(e) => set({ name: e.target.value })} error={fieldError("name")} />
        <TextField label={t.meters.serialNumber} value={values.serialNumber} onChange={(e) => set({ serialNumber: e.target.value })} />
        <SelectField label={t.meters.protocol} value={values.protocol} onChange={(e) => set({ protocol: e.target.value as Values["protocol"] })}>
          <option value="DSMR">{t.meters.protocols.DSMR}</option>
          <option value="DLMS">{t.meters.protocols.DLMS}</option>
          <option value="SML">{t.meters.protocols.SML}</option>
          <option value="IEC62056_21">{t.meters.protocols.IEC62056_21}</option>
        </SelectField>
        <SelectField label={t.meters.transport} value={values.transport} onChange={(e) => set({ transport: e.target.value as Values["transport"] })}>
          {(["SERIAL", "SIMULATED", "REMOTE"] as const).map((tr) => (
            <option key={tr} value={tr}>
              {t.meters.transports[tr]}
            </option>
          ))}
        </SelectField>
      </div>
      {values.transport === "SERIAL" && (
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label={t.meters.port}
            list="serial-ports"
            value={values.portPath}
            onChange={(e) => set({ portPath: e.target.value })}
            error={fieldError("portPath")}
            placeholder="/dev/ttyUSB0"
            hint={ports.data ? t.meters.portsOn(ports.data.host, ports.data.ports.length) : ports.isError ? t.meters.portsUnavailable : null}
          />
          <datalist id="serial-ports">
            {ports.data?.ports.map((p) => (
              <option key={p.path} value={p.path}>
                {p.manufacturer ?? ""}
              </option>
            ))}
          </datalist>
          <SelectField label={t.meters.baudRate} value={values.baudRate} onChange={(e) => set({ baudRate: Number(e.target.value) })}>
            {[300, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].map((b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t.meters.parity}
            value={`${values.dataBits}${values.parity[0]!.toUpperCase()}${values.stopBits}`}
            onChange={(e) => {
              const [bits, parity, stop] = e.target.value.split("") as [string, string, string];
              set({ dataBits: Number(bits) as 7 | 8, parity: ({ N: "none", E: "even", O: "odd" } as const)[parity as "N"], stopBits: Number(stop) as 1 | 2 });
            }}
          >
            <option value="8N1">8N1 (DSMR, DLMS, SML)</option>
            <option value="7E1">7E1 (IEC 62056-21)</option>
          </SelectField>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        {values.protocol === "DLMS" && (
          <SelectField label={t.meters.dlmsLink} value={values.dlmsLink} onChange={(e) => set({ dlmsLink: e.target.value as Values["dlmsLink"] })}>
            <option value="hdlc">HDLC</option>
            <option value="mbus">M-Bus</option>
          </SelectField>
        )}
        {values.protocol === "DLMS" && (
          <SelectField label={t.meters.dlmsProfile} value={values.dlmsProfile} onChange={(e) => set({ dlmsProfile: e.target.value as Values["dlmsProfile"] })}>
            <option value="">{t.meters.dlmsProfileAuto}</option>
            {dlmsProfileNames.map((p) => (
              <option key={p} value={p}>
                {t.meters.dlmsProfiles[p]}
              </option>
            ))}
          </SelectField>
        )}
        {values.protocol === "IEC62056_21" && (
          <TextField
            label={t.meters.deviceAddress}
            value={values.deviceAddress}
            onChange={(e) => set({ deviceAddress: e.target.value })}
            error={fieldError("deviceAddress")}
          />
        )}
        <TextField
          label={t.meters.pollInterval}
          type="number"
          min={1}
          value={values.pollIntervalSeconds}
          onChange={(e) => set({ pollIntervalSeconds: Number(e.target.value) })}
          error={fieldError("pollIntervalSeconds")}
        />
      </div>
      {(values.protocol === "DSMR" || values.protocol === "DLMS") && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t.meters.encryptionKey}
            type="password"
            autoComplete="off"
            value={keys.encryptionKey}
            onChange={(e) => setKeys((k) => ({ ...k, encryptionKey: e.target.value }))}
            placeholder={meter?.hasEncryptionKey ? t.meters.keySet : ""}
            error={fieldError("encryptionKey")}
          />
          <TextField
            label={t.meters.authenticationKey}
            type="password"
            autoComplete="off"
            value={keys.authenticationKey}
            onChange={(e) => setKeys((k) => ({ ...k, authenticationKey: e.target.value }))}
            placeholder={meter?.hasAuthenticationKey ? t.meters.keySet : ""}
            error={fieldError("authenticationKey")}
          />
          {(meter?.hasEncryptionKey || meter?.hasAuthenticationKey) && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={keys.remove} onChange={(e) => setKeys((k) => ({ ...k, remove: e.target.checked }))} />
              {t.meters.removeKeys}
            </label>
          )}
          {hasKeys && (
            <label className="flex items-start gap-2 text-sm sm:col-span-2">
              <input
                type="checkbox"
                className="mt-1"
                checked={values.refuseUnauthenticated}
                onChange={(e) => set({ refuseUnauthenticated: e.target.checked })}
              />
              <span>
                {t.meters.refuseUnauthenticated}
                <span className="block text-xs text-slate-500 dark:text-slate-400">{t.meters.refuseUnauthenticatedHelp}</span>
              </span>
            </label>
          )}
        </div>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={values.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        {t.meters.enabled}
      </label>
      <ErrorText error={error} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={create.isPending || update.isPending}>
          {meter ? t.common.save : t.common.create}
        </Button>
        <Button variant="secondary" onClick={() => router.back()}>
          {t.common.cancel}
        </Button>
        {meter && (
          <Button variant="danger" onClick={() => window.confirm(t.meters.confirmDelete(meter.name)) && remove.mutate({ id: meter.id })}>
            {t.common.delete}
          </Button>
        )}
      </div>
      {meter && values.transport === "REMOTE" && (
        <Card title={t.meters.ingestToken}>
          <p className="mb-2 font-mono text-xs text-slate-600 dark:text-slate-400">POST /api/v1/meters/{meter.id}/telegrams</p>
          <Button variant="secondary" size="sm" onClick={() => rotate.mutate({ id: meter.id })}>
            {t.meters.newToken}
          </Button>
          {token && (
            <p className="mt-2 text-sm" data-testid="ingest-token">
              {t.meters.tokenShown} <code className="break-all rounded bg-slate-100 px-1 dark:bg-slate-800">{token}</code>
            </p>
          )}
        </Card>
      )}
    </form>
  );
}
