// The booking code, large and monospaced, in its three groups for reading aloud; screen
// readers get it spelled character by character.
import { useTranslation } from "react-i18next";
import { spellCode } from "../../app/format.ts";

export function BookingCode({
  codeFormatted,
  keypadCode,
  size = "large",
}: {
  codeFormatted: string;
  keypadCode?: string;
  size?: "large" | "small";
}) {
  const { t } = useTranslation();
  return (
    <div className={`booking-code booking-code-${size}`}>
      <p role="group" aria-label={t("booking.codeAria", { spelled: spellCode(codeFormatted) })} className="code-groups">
        {codeFormatted.split("-").map((group, i) => (
          <span key={i} className="code-group" aria-hidden="true">
            {group}
          </span>
        ))}
      </p>
      {keypadCode && (
        <p className="hint">{t("booking.keypadCode", { digits: keypadCode.replace(/(\d{4})(?=\d)/g, "$1 ") })}</p>
      )}
    </div>
  );
}
