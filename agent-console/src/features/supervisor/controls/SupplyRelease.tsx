// Releasing a vaccine delivery: region, week and doses → "Vorschau" (what it would create)
// → "Freigeben" with a confirmation. Any change to the inputs discards the preview, so what
// is released is always what was previewed.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { supplyRequest } from "@contracts/supervisor-api.ts";
import { errorMessage } from "../../../app/api-client.ts";
import { ConfirmDialog } from "../../../app/ConfirmDialog.tsx";
import { dateText, germanDateToIso, isoToGermanDate, numberText } from "../../../app/format.ts";
import { berlinDay, nextMonday } from "../supervisor-format.ts";
import { useSupervisorApi, type SupplyBody, type SupplyPreview } from "../supervisor-api.ts";
import { REGION_KEYS } from "../wallboard-labels.ts";
import { Outcome, type OutcomeMessage } from "./Outcome.tsx";
import { SupplyPreviewView } from "./SupplyPreviewView.tsx";

const REGIONS = supplyRequest.shape.regionId.options;

export function SupplyRelease({ onDone }: { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const api = useSupervisorApi();
  const [regionId, setRegionId] = useState<SupplyBody["regionId"]>(REGIONS[0] ?? "nordrhein");
  const [week, setWeek] = useState(() => isoToGermanDate(nextMonday(new Date())));
  const [doses, setDoses] = useState("");
  const [invalid, setInvalid] = useState<{ field: "week" | "doses"; text: string } | null>(null);
  const [preview, setPreview] = useState<{ body: SupplyBody; result: SupplyPreview } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<OutcomeMessage>(null);

  const edit =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      setPreview(null);
      setInvalid(null);
    };

  async function runPreview(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const weekStart = germanDateToIso(week);
    if (!weekStart || weekStart < berlinDay(new Date()))
      return setInvalid({ field: "week", text: t("supervisor.supply.weekInvalid") });
    // "100.000" and "100 000" are how people write large numbers here.
    const digits = doses.replace(/[.\s]/g, "");
    const body: SupplyBody = { regionId, weekStart, doses: Number(digits) };
    if (!/^\d+$/.test(digits) || !supplyRequest.safeParse(body).success)
      return setInvalid({ field: "doses", text: t("supervisor.supply.dosesInvalid") });
    setBusy(true);
    try {
      setPreview({ body, result: await api.previewSupply(body) });
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) });
    } finally {
      setBusy(false);
    }
  }

  async function release() {
    if (!preview) return;
    setConfirming(false);
    setBusy(true);
    try {
      const result = await api.releaseSupply(preview.body);
      const n = (v: number) => numberText(v, i18n.language);
      setMessage({
        kind: "success",
        text: t("supervisor.supply.released", {
          pairs: n(result.pairs),
          unscheduled: n(result.unscheduled),
          callbacks: n(result.callbacksScheduled),
        }),
      });
      setPreview(null);
      setDoses("");
      onDone();
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) });
    } finally {
      setBusy(false);
    }
  }

  const regionName = (id: string) => (REGION_KEYS[id] ? t(REGION_KEYS[id]) : id);
  return (
    <section aria-labelledby="supply-heading" className="control">
      <h4 id="supply-heading">{t("supervisor.supply.heading")}</h4>
      <form className="inline-form" onSubmit={(e) => void runPreview(e)} noValidate>
        <div className="field">
          <label htmlFor="supply-region">{t("supervisor.supply.region")}</label>
          <select
            id="supply-region"
            value={regionId}
            onChange={(e) => edit(setRegionId)(e.target.value as SupplyBody["regionId"])}
          >
            {REGIONS.map((id) => (
              <option key={id} value={id}>
                {regionName(id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="supply-week">{t("supervisor.supply.weekStart")}</label>
          <input
            id="supply-week"
            inputMode="numeric"
            autoComplete="off"
            value={week}
            onChange={(e) => edit(setWeek)(e.target.value)}
            aria-invalid={invalid?.field === "week" ? true : undefined}
            aria-describedby={invalid?.field === "week" ? "supply-invalid" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="supply-doses">{t("supervisor.supply.doses")}</label>
          <input
            id="supply-doses"
            inputMode="numeric"
            autoComplete="off"
            value={doses}
            onChange={(e) => edit(setDoses)(e.target.value)}
            aria-invalid={invalid?.field === "doses" ? true : undefined}
            aria-describedby={invalid?.field === "doses" ? "supply-invalid" : undefined}
          />
        </div>
        <button type="submit" disabled={busy}>
          {t("supervisor.supply.preview")}
        </button>
      </form>
      <p id="supply-invalid" role="alert" className="error-text" hidden={!invalid}>
        {invalid?.text}
      </p>
      {preview && (
        <>
          <p>
            {t("supervisor.supply.previewFor", {
              doses: numberText(preview.result.doses, i18n.language),
              region: regionName(preview.body.regionId),
              week: dateText(preview.body.weekStart, i18n.language),
            })}
          </p>
          <SupplyPreviewView preview={preview.result} />
          <button
            type="button"
            className="primary"
            disabled={busy || preview.result.pairs === 0}
            onClick={() => setConfirming(true)}
          >
            {t("supervisor.supply.release")}
          </button>
        </>
      )}
      <Outcome id="supply-outcome" message={message} />
      {confirming && preview && (
        <ConfirmDialog
          title={t("supervisor.supply.confirmTitle")}
          text={t("supervisor.supply.confirmText", {
            pairs: numberText(preview.result.pairs, i18n.language),
            region: regionName(preview.body.regionId),
            week: dateText(preview.body.weekStart, i18n.language),
          })}
          confirmLabel={t("supervisor.supply.confirmYes")}
          cancelLabel={t("common.cancel")}
          onConfirm={() => void release()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
