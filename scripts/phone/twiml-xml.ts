// A small, strict XML reader for TwiML responses. Strict on purpose: Twilio
// rejects malformed documents with error 12100, so a test that passes against
// a lenient parser would hide a bug the real phone network would hit.
// Supported: XML declaration, comments, CDATA, elements, attributes and the
// predefined + numeric entities. Not supported (and rejected): DOCTYPE,
// processing instructions other than the declaration, namespaces-as-meaning.

export type XmlNode = XmlElement | XmlText;
export interface XmlText {
  kind: "text";
  text: string;
}
export interface XmlElement {
  kind: "element";
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export class XmlSyntaxError extends Error {
  constructor(message: string, source: string, offset: number) {
    const before = source.slice(0, offset);
    const line = before.split("\n").length;
    const column = offset - before.lastIndexOf("\n");
    super(`Malformed TwiML XML at line ${line}, column ${column}: ${message}`);
    this.name = "XmlSyntaxError";
  }
}

const NAME = /[A-Za-z_:][\w.:-]*/y;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Parses a complete document and returns its single root element. */
export function parseXml(source: string): XmlElement {
  const reader = new Reader(source.replace(/^\uFEFF/, ""));
  reader.skipProlog();
  const root = reader.readElement();
  reader.skipMisc();
  if (!reader.atEnd()) reader.fail("content after the root element");
  return root;
}

class Reader {
  private pos = 0;
  constructor(private readonly src: string) {}

  atEnd(): boolean {
    return this.pos >= this.src.length;
  }

  fail(message: string): never {
    throw new XmlSyntaxError(message, this.src, this.pos);
  }

  skipProlog(): void {
    this.skipSpace();
    if (this.src.startsWith("<?xml", this.pos)) {
      const end = this.src.indexOf("?>", this.pos);
      if (end < 0) this.fail("unterminated XML declaration");
      this.pos = end + 2;
    }
    this.skipMisc();
    if (this.src.startsWith("<!DOCTYPE", this.pos)) this.fail("DOCTYPE is not allowed in TwiML");
    if (this.atEnd()) this.fail("document is empty");
  }

  /** Whitespace and comments may surround the root element. */
  skipMisc(): void {
    for (;;) {
      this.skipSpace();
      if (this.src.startsWith("<!--", this.pos)) this.skipComment();
      else return;
    }
  }

  readElement(): XmlElement {
    if (this.src[this.pos] !== "<") this.fail("expected '<'");
    this.pos++;
    const name = this.readName();
    const attributes = this.readAttributes();
    const element: XmlElement = { kind: "element", name, attributes, children: [] };
    if (this.src.startsWith("/>", this.pos)) {
      this.pos += 2;
      return element;
    }
    if (this.src[this.pos] !== ">") this.fail(`expected '>' to close <${name}>`);
    this.pos++;
    this.readContent(element);
    return element;
  }

  private readContent(element: XmlElement): void {
    let text = "";
    const flush = (): void => {
      if (text !== "") element.children.push({ kind: "text", text });
      text = "";
    };
    for (;;) {
      if (this.atEnd()) this.fail(`<${element.name}> is never closed`);
      if (this.src.startsWith("</", this.pos)) {
        flush();
        this.pos += 2;
        const closing = this.readName();
        if (closing !== element.name) this.fail(`</${closing}> does not match <${element.name}>`);
        this.skipSpace();
        if (this.src[this.pos] !== ">") this.fail(`expected '>' after </${closing}`);
        this.pos++;
        return;
      }
      if (this.src.startsWith("<!--", this.pos)) this.skipComment();
      else if (this.src.startsWith("<![CDATA[", this.pos)) text += this.readCdata();
      else if (this.src.startsWith("<?", this.pos) || this.src.startsWith("<!", this.pos)) {
        this.fail("processing instructions and declarations are not allowed inside elements");
      } else if (this.src[this.pos] === "<") {
        flush();
        element.children.push(this.readElement());
      } else text += this.readText();
    }
  }

  private readAttributes(): Record<string, string> {
    const attributes: Record<string, string> = {};
    for (;;) {
      const hadSpace = this.skipSpace();
      const c = this.src[this.pos];
      if (c === ">" || c === "/" || c === undefined) return attributes;
      if (!hadSpace) this.fail("expected whitespace before attribute");
      const name = this.readName();
      this.skipSpace();
      if (this.src[this.pos] !== "=") this.fail(`attribute '${name}' has no value`);
      this.pos++;
      this.skipSpace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`value of '${name}' must be quoted`);
      const end = this.src.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail(`unterminated value of '${name}'`);
      const raw = this.src.slice(this.pos + 1, end);
      if (raw.includes("<")) this.fail(`'<' in value of '${name}'`);
      if (Object.hasOwn(attributes, name)) this.fail(`duplicate attribute '${name}'`);
      attributes[name] = this.decode(raw, this.pos + 1);
      this.pos = end + 1;
    }
  }

  private readText(): string {
    const end = this.src.indexOf("<", this.pos);
    const stop = end < 0 ? this.src.length : end;
    const raw = this.src.slice(this.pos, stop);
    const start = this.pos;
    this.pos = stop;
    return this.decode(raw, start);
  }

  private readCdata(): string {
    const end = this.src.indexOf("]]>", this.pos);
    if (end < 0) this.fail("unterminated CDATA section");
    const text = this.src.slice(this.pos + 9, end);
    this.pos = end + 3;
    return text;
  }

  private skipComment(): void {
    const end = this.src.indexOf("-->", this.pos + 4);
    if (end < 0) this.fail("unterminated comment");
    this.pos = end + 3;
  }

  private readName(): string {
    NAME.lastIndex = this.pos;
    const match = NAME.exec(this.src);
    if (!match) this.fail("expected a tag or attribute name");
    this.pos += match[0].length;
    return match[0];
  }

  private skipSpace(): boolean {
    const start = this.pos;
    while (/\s/.test(this.src[this.pos] ?? "")) this.pos++;
    return this.pos > start;
  }

  /** Replaces entity references; a bare '&' is an error, as in any XML parser. */
  private decode(raw: string, offset: number): string {
    return raw.replace(/&([^;\s&<]*);?/g, (whole, ref: string, index: number) => {
      const fail = (): never => {
        throw new XmlSyntaxError(`bad entity reference '${whole}'`, this.src, offset + index);
      };
      if (!whole.endsWith(";")) return fail();
      if (ref.startsWith("#x")) return codePoint(Number.parseInt(ref.slice(2), 16)) ?? fail();
      if (ref.startsWith("#")) return codePoint(Number.parseInt(ref.slice(1), 10)) ?? fail();
      return ENTITIES[ref] ?? fail();
    });
  }
}

function codePoint(n: number): string | undefined {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}
