// Who is being booked. Birth date typed as on paper (DD.MM.YYYY); "Verbindlich buchen" or
// Alt+B books the held pair. Field problems sit under their field, the server's answer
// (already booked, not eligible …) under the button; both are linked with aria-describedby.
import { useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Announcement } from "../../app/Announcement.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { useShortcut } from "../../app/use-shortcut.ts";
import type { PersonInput } from "./booking-api.ts";
import { toPersonInput, type PersonField, type PersonFields } from "./person-input.ts";

interface Props {
  initial: PersonFields;
  canBook: boolean;
  busy: boolean;
  serverError: string | null;
  onBook(person: PersonInput): void;
  /** Alt+B only for the form on screen. */
  shortcut?: boolean;
}

// Order matches PERSON_FIELDS.
const FIELDS: {
  field: PersonField;
  type?: string;
  inputMode?: "numeric" | "tel";
  placeholder?: string;
  autoComplete: string;
}[] = [
  { field: "name", autoComplete: "off" },
  { field: "birthDate", inputMode: "numeric", placeholder: "TT.MM.JJJJ", autoComplete: "off" },
  { field: "phone", type: "tel", inputMode: "tel", autoComplete: "off" },
  { field: "postcode", inputMode: "numeric", autoComplete: "off" },
];

export function PersonForm({ initial, canBook, busy, serverError, onBook, shortcut = true }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [fields, setFields] = useState<PersonFields>(initial);
  const [errors, setErrors] = useState<Partial<Record<PersonField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    if (!canBook) return setFormError(t("booking.holdFirst"));
    setFormError(null);
    const checked = toPersonInput(fields);
    if ("errors" in checked) return setErrors(checked.errors);
    setErrors({});
    onBook(checked.person);
  }
  useShortcut("b", () => formRef.current?.requestSubmit(), shortcut);

  const message = formError ?? serverError;
  return (
    <form
      ref={formRef}
      className="person-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-heading`}
      aria-describedby={`${id}-error`}
    >
      <h3 id={`${id}-heading`}>{t("booking.personHeading")}</h3>
      {FIELDS.map(({ field, type, inputMode, placeholder, autoComplete }) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>{t(`person.${field}`)}</label>
          <input
            id={`${id}-${field}`}
            type={type ?? "text"}
            inputMode={inputMode}
            placeholder={placeholder}
            autoComplete={autoComplete}
            value={fields[field]}
            onChange={(e) => setFields((f) => ({ ...f, [field]: e.target.value }))}
            aria-invalid={errors[field] ? true : undefined}
            aria-describedby={`${id}-${field}-error ${id}-error`}
          />
          <ErrorText id={`${id}-${field}-error`} message={errors[field] ? t(errors[field]) : null} />
        </div>
      ))}
      <button
        type="submit"
        className="primary"
        disabled={busy}
        title={t("booking.bookTitle")}
        aria-keyshortcuts="Alt+B"
        aria-describedby={`${id}-error`}
      >
        {t("booking.book")}
      </button>
      <Announcement id={`${id}-error`} message={message} />
    </form>
  );
}
