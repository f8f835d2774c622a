// Placeholder overview: GET /api/supervisor/overview, each top-level field in a row.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../app/api-client.ts";
import { useApi } from "../../app/api-context.tsx";

const cell = (value: unknown) => (value !== null && typeof value === "object" ? JSON.stringify(value) : String(value));

export function OverviewTable() {
  const { t } = useTranslation();
  const api = useApi();
  const [overview, setOverview] = useState<Record<string, unknown> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.get<Record<string, unknown>>("/api/supervisor/overview").then(
      (answer) => live && setOverview(answer),
      (e: unknown) => live && setError(errorMessage(e, t("errors.unexpected"))),
    );
    return () => void (live = false);
  }, [api, t]);

  if (error) return <p role="alert" className="error-text">{error}</p>;
  if (!overview) return <p>{t("common.loading")}</p>;
  return (
    <table>
      <caption>{t("supervisor.caption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("supervisor.field")}</th>
          <th scope="col">{t("supervisor.value")}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(overview).map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>{cell(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
