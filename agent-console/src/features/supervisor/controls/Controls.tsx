// The supervisors' controls: supply, overflow settings, announcement; then the audit log,
// which reloads after every change made here.
import { CentreCounts } from "../../centre/CentreCounts.tsx";
import { useEffect, useReducer, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../app/api-client.ts";
import { useSupervisorApi, type SettingsAnswer } from "../supervisor-api.ts";
import { AnnouncementForm } from "./AnnouncementForm.tsx";
import { AuditLog } from "./AuditLog.tsx";
import { SettingsForm } from "./SettingsForm.tsx";
import { SupplyRelease } from "./SupplyRelease.tsx";
import { SupplyDropPanel } from "../supply-drop/SupplyDropPanel.tsx";

export function Controls() {
  const { t } = useTranslation();
  const api = useSupervisorApi();
  const [settings, setSettings] = useState<SettingsAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [auditKey, changed] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    let live = true;
    api.settings().then(
      (answer) => live && setSettings(answer),
      (e: unknown) => live && setError(e),
    );
    return () => void (live = false);
  }, [api]);

  return (
    <>
      <section aria-labelledby="wb-controls-heading" className="wb-section">
        <h3 id="wb-controls-heading">{t("supervisor.controls.heading")}</h3>
        <div className="controls">
          <SupplyRelease onDone={changed} />
          <SupplyDropPanel onDone={changed} />
          <CentreCounts />
          {settings ? (
            <>
              <SettingsForm initial={settings} onSaved={changed} />
              <AnnouncementForm initial={settings.settings.announcement} onSaved={changed} />
            </>
          ) : error !== null ? (
            <p role="alert" className="error-text">
              {t("supervisor.controls.settingsFailed", { message: errorMessage(error, t("errors.unexpected")) })}
            </p>
          ) : (
            <p>{t("common.loading")}</p>
          )}
        </div>
      </section>
      <AuditLog refreshKey={auditKey} />
    </>
  );
}
