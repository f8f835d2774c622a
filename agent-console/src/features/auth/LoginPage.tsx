import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { loginRequest } from "@contracts/console-api.ts";
import { errorMessage } from "../../app/api-client.ts";
import { useAuth } from "../../app/auth-context.tsx";
import { ErrorText } from "../../app/ErrorText.tsx";
import { LanguageSwitch } from "../../app/LanguageSwitch.tsx";

export function LoginPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!loginRequest.safeParse({ username, password }).success) return setError(t("auth.missingFields"));
    setBusy(true);
    setError(null);
    try {
      await login(username, password);
    } catch (e) {
      setError(errorMessage(e, t("errors.unexpected")));
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <h1>{t("app.title")}</h1>
      <form onSubmit={submit} aria-describedby="login-error" noValidate>
        <h2>{t("auth.heading")}</h2>
        <label htmlFor="login-username">{t("auth.username")}</label>
        <input
          id="login-username"
          autoComplete="username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          aria-describedby="login-error"
          autoFocus
        />
        <label htmlFor="login-password">{t("auth.password")}</label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-describedby="login-error"
        />
        <ErrorText id="login-error" message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t("auth.submit")}
        </button>
      </form>
      <LanguageSwitch />
    </main>
  );
}
