import { useTranslation } from "react-i18next";
import { useSocket } from "./socket-context.tsx";

export function ConnectionBanner() {
  const { t } = useTranslation();
  const { status } = useSocket();
  return (
    <div
      role="status"
      className={status === "reconnecting" ? "banner banner-warning" : "banner"}
      hidden={status !== "reconnecting"}
    >
      {status === "reconnecting" ? t("connection.reconnecting") : null}
    </div>
  );
}
