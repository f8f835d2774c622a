// Recording a reduced or cancelled delivery: region, week, doses lost and the shift → "Vorschau"
// (what would move, from which day to which, before anything changes) → "Ausführen" with a
// confirmation. Any change to the inputs discards the preview: what is executed is the drop
// that was previewed, by its id. The execution runs on the server (minutes for thousands of
// pairs); the panel asks for its progress until it is done.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { supplyDropRequest } from "@contracts/supply-drop-api.ts";
import { errorMessage } from "../../../app/api-client.ts";
import { ConfirmDialog } from "../../../app/ConfirmDialog.tsx";
import { dateText, germanDateToIso, isoToGermanDate, numberText } from "../../../app/format.ts";
import { Outcome, type OutcomeMessage } from "../controls/Outcome.tsx";
import { nextMonday } from "../supervisor-format.ts";
import { REGION_KEYS } from "../wallboard-labels.ts";
import { SupplyDropPlan } from "./SupplyDropPlan.tsx";
import {
  useSupplyDropApi,
  type SupplyDropPreviewView,
  type SupplyDropRequest,
  type SupplyDropResultView,
} from "./supply-drop-api.ts";
import "./supply-drop.css";

const REGIONS = supplyDropRequest.shape.regionId.options;
/** How often a running execution is asked for its progress. */
export const PROGRESS_POLL_MS = 1_500;

export function SupplyDropPanel({ onDone }: { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const api = useSupplyDropApi();
  const [regionId, setRegionId] = useState<SupplyDropRequest["regionId"]>(REGIONS[0] ?? "nordrhein");
  const [week, setWeek] = useState(() => isoToGermanDate(nextMonday(new Date())));
  const [doses, setDoses] = useState("");
  const [shifts, setShifts] = useState<number[]>([]);
  const [shift, setShift] = useState(0);
  const [invalid, setInvalid] = useState<{ field: "week" | "doses"; text: string } | null>(null);
  const [preview, setPreview] = useState<SupplyDropPreviewView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<OutcomeMessage>(null);
  const n = (v: number) => numberText(v, i18n.language);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);

  useEffect(() => {
    let live = true;
    api.list().then(
      (answer) => {
        if (!live) return;
        setShifts(answer.shifts);
        setShift((s) => s || (answer.shifts[answer.shifts.length - 1] ?? 0));
      },
      (e: unknown) => live && setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) }),
    );
    return () => void (live = false);
  }, [api, t]);

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
    if (!weekStart) return setInvalid({ field: "week", text: t("supervisor.supplyDrop.weekInvalid") });
    const digits = doses.replace(/[.\s]/g, "");
    if (!/^\d+$/.test(digits) || Number(digits) < 1)
      return setInvalid({ field: "doses", text: t("supervisor.supplyDrop.dosesInvalid") });
    setBusy(true);
    try {
      setPreview(
        await api.preview({ regionId, vaccineId: "biontech", weekStart, dosesLost: Number(digits), shiftDays: shift }),
      );
    } catch (e) {
      setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) });
    } finally {
      setBusy(false);
    }
  }

  async function execute() {
    if (!preview) return;
    setConfirming(false);
    setBusy(true);
    try {
      let answer = await api.execute(preview.dropId);
      while ("status" in answer && answer.status !== "executed") {
        if (!mounted.current) return;
        setMessage({
          kind: "success",
          text: t("supervisor.supplyDrop.running", { moved: n(answer.moved), moving: n(answer.moving) }),
        });
        await new Promise((resolve) => setTimeout(resolve, PROGRESS_POLL_MS));
        answer = await api.progress(preview.dropId);
      }
      const result: SupplyDropResultView | null = "status" in answer ? answer.result : answer;
      if (!result || !mounted.current) return;
      setMessage({
        kind: "success",
        text: t("supervisor.supplyDrop.executed", {
          moved: n(result.moved),
          unmovable: n(result.unmovable),
          pairs: n(result.pairsCut),
          holds: n(result.invitationHoldsReleased),
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
    <section aria-labelledby="drop-heading" className="control supply-drop">
      <h4 id="drop-heading">{t("supervisor.supplyDrop.heading")}</h4>
      <p>{t("supervisor.supplyDrop.intro")}</p>
      <form className="inline-form" onSubmit={(e) => void runPreview(e)} noValidate>
        <div className="field">
          <label htmlFor="drop-region">{t("supervisor.supply.region")}</label>
          <select
            id="drop-region"
            value={regionId}
            onChange={(e) => edit(setRegionId)(e.target.value as SupplyDropRequest["regionId"])}
          >
            {REGIONS.map((id) => (
              <option key={id} value={id}>
                {regionName(id)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="drop-week">{t("supervisor.supply.weekStart")}</label>
          <input
            id="drop-week"
            inputMode="numeric"
            autoComplete="off"
            value={week}
            onChange={(e) => edit(setWeek)(e.target.value)}
            aria-invalid={invalid?.field === "week" ? true : undefined}
            aria-describedby={invalid?.field === "week" ? "drop-invalid" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="drop-doses">{t("supervisor.supplyDrop.dosesLost")}</label>
          <input
            id="drop-doses"
            inputMode="numeric"
            autoComplete="off"
            value={doses}
            onChange={(e) => edit(setDoses)(e.target.value)}
            aria-invalid={invalid?.field === "doses" ? true : undefined}
            aria-describedby={invalid?.field === "doses" ? "drop-invalid" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="drop-shift">{t("supervisor.supplyDrop.shift")}</label>
          <select id="drop-shift" value={shift} onChange={(e) => edit(setShift)(Number(e.target.value))}>
            {shifts.map((days) => (
              <option key={days} value={days}>
                {t("supervisor.supplyDrop.shiftDays", { days })}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy || shifts.length === 0}>
          {t("supervisor.supply.preview")}
        </button>
      </form>
      <p id="drop-invalid" role="alert" className="error-text" hidden={!invalid}>
        {invalid?.text}
      </p>
      {preview && (
        <>
          <p>
            {t("supervisor.supplyDrop.previewFor", {
              doses: n(preview.dosesLost),
              delivered: n(preview.dosesDelivered),
              region: regionName(preview.regionId),
              week: dateText(preview.weekStart, i18n.language),
            })}
          </p>
          <SupplyDropPlan preview={preview} />
          <button type="button" className="primary" disabled={busy} onClick={() => setConfirming(true)}>
            {t("supervisor.supplyDrop.execute")}
          </button>
        </>
      )}
      <Outcome id="drop-outcome" message={message} />
      {confirming && preview && (
        <ConfirmDialog
          title={t("supervisor.supplyDrop.confirmTitle")}
          text={t("supervisor.supplyDrop.confirmText", {
            moving: n(preview.moving),
            pairs: n(preview.pairsLost),
            days: preview.shiftDays,
          })}
          confirmLabel={t("supervisor.supplyDrop.confirmYes")}
          cancelLabel={t("common.cancel")}
          onConfirm={() => void execute()}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
