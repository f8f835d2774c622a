// The booking code, large and monospaced: the written form in its three groups (as printed in
// SMS and letters), and the keypad digits in the groups of three the phone menu reads and
// callers type ("757 672 939 482"); on the phone, read the digits. Screen readers get both
// spelled character by character.
import { useTranslation } from "react-i18next";
import { spellCode } from "../../app/format.ts";

export function BookingCode({
  codeFormatted,
  keypadFormatted,
  size = "large",
}: {
  codeFormatted: string;
  keypadFormatted?: string;
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
      {keypadFormatted && (
        <>
          <p className="hint">{t("booking.keypadLabel")}</p>
          <p
            role="group"
            aria-label={t("booking.keypadAria", { spelled: spellCode(keypadFormatted.replace(/ /g, "-")) })}
            className="code-groups keypad-groups"
          >
            {keypadFormatted.split(" ").map((group, i) => (
              <span key={i} className="code-group" aria-hidden="true">
                {group}
              </span>
            ))}
          </p>
        </>
      )}
    </div>
  );
}
