// Reads the form Twilio posts to a webhook. A few lines instead of express.urlencoded: every
// webhook passes here, and body-parser's general machinery (type-is, raw-body, iconv, qs)
// was about a tenth of a webhook's CPU in bench:ivr's profile. The rules stay the same: a
// form post or 415, UTF-8 or 415, no content encoding, at most 32 kB (413) and 100 fields (413).
import type { IncomingMessage } from "node:http";

export const FORM_LIMIT_BYTES = 32 * 1024;
export const FORM_FIELD_LIMIT = 100;

export class FormError extends Error {
  constructor(
    readonly status: 413 | 415 | 400,
    readonly type: string,
  ) {
    super(type);
  }
}

export type TwilioForm = Record<string, string | string[]>;

/** Checks the headers before a byte of the body is read (the caller still drains it: see answerAfterBody). */
export function formHeaderProblem(req: IncomingMessage): FormError | null {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  const [mime, ...options] = type.split(";").map((p) => p.trim());
  if (mime !== "application/x-www-form-urlencoded") return new FormError(415, "not_a_form_post");
  const charset = options
    .find((o) => o.startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8") return new FormError(415, "charset_unsupported");
  const encoding = (req.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding !== "identity") return new FormError(415, "encoding_unsupported");
  const length = Number(req.headers["content-length"]);
  if (Number.isFinite(length) && length > FORM_LIMIT_BYTES) return new FormError(413, "too_large");
  return null;
}

export function readForm(req: IncomingMessage): Promise<TwilioForm> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error: FormError | null, form?: TwilioForm) => {
      if (done) return;
      done = true;
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      if (error) reject(error);
      else resolve(form!);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // Too large: keep reading but keep nothing, and answer 413 once the client has sent it
      // all (as body-parser did): a client still writing would otherwise see a broken pipe
      // instead of the answer. The server's request timeout bounds an endless upload.
      if (size <= FORM_LIMIT_BYTES) chunks.push(chunk);
    };
    const onEnd = () => {
      if (size > FORM_LIMIT_BYTES) {
        finish(new FormError(413, "too_large"));
        return;
      }
      try {
        finish(null, parseForm(Buffer.concat(chunks, size).toString("utf8")));
      } catch (error) {
        finish(error instanceof FormError ? error : new FormError(400, "form_invalid"));
      }
    };
    const onError = () => finish(new FormError(400, "form_unreadable"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
  });
}

/** Form fields by name; a repeated name keeps all its values, in order (as qs did). */
export function parseForm(text: string): TwilioForm {
  const form: TwilioForm = Object.create(null) as TwilioForm;
  let fields = 0;
  for (const [name, value] of new URLSearchParams(text)) {
    if (++fields > FORM_FIELD_LIMIT) throw new FormError(413, "too_many_fields");
    const seen = form[name];
    if (seen === undefined) form[name] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else form[name] = [seen, value];
  }
  return form;
}

/** Runs `answer` once the request body has been read to its end (discarding it), or at once if it has been. */
export function answerAfterBody(req: IncomingMessage, answer: () => void): void {
  if (req.complete || req.readableEnded) {
    answer();
    return;
  }
  req.once("end", answer);
  req.resume();
}
