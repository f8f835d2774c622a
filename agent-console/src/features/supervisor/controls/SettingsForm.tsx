// Overflow settings: queue capacity, the callback threshold, opening hours, the retry policy,
// and the service-level target with the wallboard's thresholds. Prefilled from the server;
// saving (after a confirmation) sends only what changed, with the version the form was filled from: if someone saved meanwhile, the server refuses
// (409) and the form shows the new values instead of overwriting them unseen.
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { ApiRequestError, errorMessage } from "../../../app/api-client.ts";
import { ConfirmDialog } from "../../../app/ConfirmDialog.tsx";
import { useSupervisorApi, type SettingsAnswer } from "../supervisor-api.ts";
import { Outcome, type OutcomeMessage } from "./Outcome.tsx";
import {
  changesBetween,
  fieldsOfIssues,
  SERVICE_FIELDS,
  SETTINGS_FIELDS,
  valuesOf,
  type Changes,
  type FieldDef,
  type FieldId,
  type FormValues,
} from "./settings-fields.ts";

const GROUPS = [
  { legend: "supervisor.settings.queueGroup", ids: ["capacity", "offerCallbackAboveMinutes"] },
  { legend: "supervisor.settings.hoursGroup", ids: ["opensAt", "closesAt"] },
  { legend: "supervisor.settings.retryGroup", ids: ["maxAttempts", "retryDelaysMinutes"] },
  { legend: "supervisor.settings.serviceGroup", ids: SERVICE_FIELDS },
] as const;

export function SettingsForm({ initial, onSaved }: { initial: SettingsAnswer; onSaved(): void }) {
  const { t } = useTranslation();
  const api = useSupervisorApi();
  const [baseline, setBaseline] = useState(() => valuesOf(initial.settings));
  const [version, setVersion] = useState(initial.version);
  const [values, setValues] = useState<FormValues>(baseline);
  /** Client: each field with the key of its message; server: the fields its answer names. */
  const [marked, setMarked] = useState<{ client: Changes["invalid"]; server: FieldId[] }>({ client: {}, server: [] });
  const [pending, setPending] = useState<Changes | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<OutcomeMessage>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const changes = changesBetween(baseline, values);
    setMarked({ client: changes.invalid, server: [] });
    if (Object.keys(changes.invalid).length > 0) return;
    if (changes.changed.length === 0) return setMessage({ kind: "success", text: t("supervisor.settings.unchanged") });
    setPending(changes);
  }

  async function save() {
    if (!pending) return;
    const { update } = pending;
    setPending(null);
    setBusy(true);
    const show = (answer: SettingsAnswer) => {
      const shown = valuesOf(answer.settings);
      setBaseline(shown);
      setValues(shown);
      setVersion(answer.version);
      setMarked({ client: {}, server: [] });
    };
    try {
      const answer = await api.saveSettings({ ...update, basedOnVersion: version });
      show(answer);
      setMessage({ kind: "success", text: t("supervisor.settings.saved", { version: answer.version }) });
      onSaved();
    } catch (e) {
      if (e instanceof ApiRequestError && e.is("settings_changed")) {
        // Someone saved since this form was filled: show their values, keep nothing of ours unseen.
        setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) });
        const fresh = await api.settings().catch(() => null);
        if (fresh) show(fresh);
        onSaved();
        return;
      }
      setMarked({ client: {}, server: e instanceof ApiRequestError ? fieldsOfIssues(e.detail.issues) : [] });
      setMessage({ kind: "error", text: errorMessage(e, t("errors.unexpected")) });
    } finally {
      setBusy(false);
    }
  }

  const describe = (f: FieldDef) =>
    t("supervisor.settings.change", { field: t(f.label), from: baseline[f.id], to: values[f.id].trim() });
  const field = (id: FieldId) => SETTINGS_FIELDS.find((f) => f.id === id)!;
  return (
    <section aria-labelledby="settings-heading" className="control">
      <h4 id="settings-heading">{t("supervisor.settings.heading")}</h4>
      <form onSubmit={submit} noValidate>
        {GROUPS.map((group) => (
          <fieldset key={group.legend}>
            <legend>{t(group.legend)}</legend>
            {group.ids.map((id) => (
              <SettingInput
                key={id}
                field={field(id)}
                value={values[id]}
                problem={marked.client[id] ?? (marked.server.includes(id) ? "server" : null)}
                onChange={(v) => setValues((old) => ({ ...old, [id]: v }))}
              />
            ))}
          </fieldset>
        ))}
        <button type="submit" className="primary" disabled={busy}>
          {t("supervisor.settings.save")}
        </button>
      </form>
      <Outcome id="settings-outcome" message={message} />
      {pending && (
        <ConfirmDialog
          title={t("supervisor.settings.confirmTitle")}
          text={pending.changed.map(describe).join(" · ")}
          confirmLabel={t("supervisor.settings.confirmYes")}
          cancelLabel={t("common.cancel")}
          onConfirm={() => void save()}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}

/** problem: the key of the form's own message, shown below the field, or "server" for the server's message. */
function SettingInput({
  field,
  value,
  problem,
  onChange,
}: {
  field: FieldDef;
  value: string;
  problem: string | null;
  onChange(value: string): void;
}) {
  const { t } = useTranslation();
  const id = `setting-${field.id}`;
  const hint = field.kind === "list" ? `${id}-hint` : undefined;
  const error = problem === "server" ? "settings-outcome-error" : problem ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{t(field.label)}</label>
      {hint && (
        <p id={hint} className="hint">
          {t("supervisor.settings.retryDelaysHint")}
        </p>
      )}
      <input
        id={id}
        type={field.kind === "int" ? "number" : "text"}
        inputMode="numeric"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined}
        aria-describedby={[hint, error].filter(Boolean).join(" ") || undefined}
      />
      {problem && problem !== "server" && (
        <p id={error} className="error-text">
          {t(problem)}
        </p>
      )}
    </div>
  );
}
