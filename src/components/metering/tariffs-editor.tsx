"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CreateCard } from "~/components/ui/create-card";
import { EditorFooter } from "~/components/ui/editor-footer";
import { SelectField, TextField } from "~/components/ui/field";
import { type WithRowKey, withRowKey } from "~/components/ui/row-key";
import { useI18n } from "~/i18n/client";
import { useTRPC } from "~/trpc/react";

type PeriodDraft = { name: string; weekdays: number[]; start: string; end: string; pricePerKwh: number };
type TariffDraft = {
  id: string | null;
  name: string;
  currency: string;
  validFrom: string;
  validTo: string;
  importPricePerKwh: number;
  exportPricePerKwh: number;
  standingCharge: number;
  standingChargePeriod: "DAY" | "MONTH";
  periods: PeriodDraft[];
};

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
/** Today in the browser's calendar, as a date input holds it: only the default of a new contract. */
const today = () => new Date().toLocaleDateString("sv-SE");

function TariffForm({ initial, canEdit, onSaved }: { initial: TariffDraft; canEdit: boolean; onSaved: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [d, setD] = useState(() => ({ ...initial, periods: initial.periods.map(withRowKey) }));
  const save = useMutation(trpc.metering.saveTariff.mutationOptions({ onSuccess: onSaved }));
  const setPeriod = (i: number, patch: Partial<WithRowKey<PeriodDraft>>) =>
    setD((x) => ({ ...x, periods: x.periods.map((p, k) => (k === i ? { ...p, ...patch } : p)) }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const periods = d.periods.map(({ rowKey: _, ...period }) => period);
    save.mutate({
      id: d.id,
      // Calendar days as entered: the server places them in the site's time zone.
      data: { ...d, periods, validTo: d.validTo || null },
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3" noValidate data-testid="tariff-form">
      <div className="grid gap-3 md:grid-cols-4">
        <TextField label={t.tariffs.name} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} disabled={!canEdit} />
        <TextField label={t.tariffs.currency} value={d.currency} onChange={(e) => setD({ ...d, currency: e.target.value.toUpperCase() })} disabled={!canEdit} />
        <TextField
          label={t.tariffs.validFrom}
          type="date"
          value={d.validFrom}
          onChange={(e) => setD({ ...d, validFrom: e.target.value })}
          disabled={!canEdit}
        />
        <TextField label={t.tariffs.validTo} type="date" value={d.validTo} onChange={(e) => setD({ ...d, validTo: e.target.value })} disabled={!canEdit} />
        <TextField
          label={t.tariffs.importPrice}
          type="number"
          step="0.0001"
          value={d.importPricePerKwh}
          onChange={(e) => setD({ ...d, importPricePerKwh: Number(e.target.value) })}
          disabled={!canEdit}
        />
        <TextField
          label={t.tariffs.exportPrice}
          type="number"
          step="0.0001"
          value={d.exportPricePerKwh}
          onChange={(e) => setD({ ...d, exportPricePerKwh: Number(e.target.value) })}
          disabled={!canEdit}
        />
        <TextField
          label={t.tariffs.standingCharge}
          type="number"
          step="0.01"
          value={d.standingCharge}
          onChange={(e) => setD({ ...d, standingCharge: Number(e.target.value) })}
          disabled={!canEdit}
        />
        <SelectField
          label=" "
          value={d.standingChargePeriod}
          onChange={(e) => setD({ ...d, standingChargePeriod: e.target.value as "DAY" | "MONTH" })}
          disabled={!canEdit}
        >
          <option value="MONTH">{t.tariffs.perMonth}</option>
          <option value="DAY">{t.tariffs.perDay}</option>
        </SelectField>
      </div>
      <h3 className="text-sm font-semibold">{t.tariffs.periods}</h3>
      {d.periods.map((p, i) => (
        <div key={p.rowKey} className="grid items-end gap-2 md:grid-cols-[2fr_auto_1fr_1fr_1fr_auto]">
          <TextField label={t.tariffs.periodName} value={p.name} onChange={(e) => setPeriod(i, { name: e.target.value })} disabled={!canEdit} />
          <fieldset className="flex gap-1 pb-2">
            {t.tariffs.weekdays.map((label, k) => (
              <label key={label} className="flex flex-col items-center text-xs">
                {label}
                <input
                  type="checkbox"
                  checked={p.weekdays.includes(k + 1)}
                  onChange={(e) => setPeriod(i, { weekdays: e.target.checked ? [...p.weekdays, k + 1].sort() : p.weekdays.filter((w) => w !== k + 1) })}
                  disabled={!canEdit}
                />
              </label>
            ))}
          </fieldset>
          <TextField label={t.tariffs.start} type="time" value={p.start} onChange={(e) => setPeriod(i, { start: e.target.value })} disabled={!canEdit} />
          <TextField label={t.tariffs.end} type="time" value={p.end} onChange={(e) => setPeriod(i, { end: e.target.value })} disabled={!canEdit} />
          <TextField
            label={t.tariffs.price}
            type="number"
            step="0.0001"
            value={p.pricePerKwh}
            onChange={(e) => setPeriod(i, { pricePerKwh: Number(e.target.value) })}
            disabled={!canEdit}
          />
          {canEdit && (
            <Button size="sm" variant="ghost" onClick={() => setD({ ...d, periods: d.periods.filter((_, k) => k !== i) })}>
              ✕
            </Button>
          )}
        </div>
      ))}
      <EditorFooter
        error={save.error}
        canEdit={canEdit}
        addLabel={t.tariffs.addPeriod}
        onAdd={() =>
          setD({
            ...d,
            periods: [
              ...d.periods,
              withRowKey({ name: "Heures creuses", weekdays: [1, 2, 3, 4, 5, 6, 7], start: "22:00", end: "06:00", pricePerKwh: d.importPricePerKwh }),
            ],
          })
        }
        saving={save.isPending}
      />
    </form>
  );
}

/** Contracts with their time-of-use windows; saving one changes the costs shown at once. */
export function TariffsEditor({ canEdit }: { canEdit: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tariffs = useQuery(trpc.metering.tariffs.queryOptions());
  const saved = () => void queryClient.invalidateQueries({ queryKey: trpc.metering.pathKey() });
  return (
    <div className="space-y-4">
      {tariffs.data?.map((tariff) => (
        <Card key={`${tariff.id}-${tariff.updatedAt.toString()}`} title={tariff.name}>
          <TariffForm
            canEdit={canEdit}
            onSaved={saved}
            initial={{
              ...tariff,
              validFrom: tariff.validFromDay,
              validTo: tariff.validToDay ?? "",
              periods: tariff.periods.map((p) => ({
                name: p.name,
                weekdays: p.weekdays,
                start: hhmm(p.startMinute),
                end: hhmm(p.endMinute),
                pricePerKwh: p.pricePerKwh,
              })),
            }}
          />
        </Card>
      ))}
      {canEdit && (
        <CreateCard label={t.tariffs.newTariff}>
          {(done) => (
            <TariffForm
              canEdit
              onSaved={() => {
                done();
                saved();
              }}
              initial={{
                id: null,
                name: "",
                currency: "EUR",
                validFrom: today(),
                validTo: "",
                importPricePerKwh: 0.25,
                exportPricePerKwh: 0,
                standingCharge: 0,
                standingChargePeriod: "MONTH",
                periods: [],
              }}
            />
          )}
        </CreateCard>
      )}
    </div>
  );
}
