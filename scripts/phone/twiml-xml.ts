// A strict XML reader for TwiML responses, on saxes (a well-formedness-checking SAX parser): Twilio
// rejects malformed documents (error 12100), so a lenient parser would hide bugs. A DOCTYPE and
// processing instructions other than the declaration are refused too.
import { SaxesParser } from "saxes";

export type XmlNode = XmlElement | { kind: "text"; text: string };
export interface XmlElement {
  kind: "element";
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

/** Parses a complete document and returns its single root element. */
export function parseXml(source: string): XmlElement {
  const parser = new SaxesParser();
  const fail = (message: string): never => {
    throw new Error(`Malformed TwiML XML at line ${parser.line}, column ${parser.column + 1}: ${message}`);
  };
  let root: XmlElement | undefined;
  const open: XmlElement[] = [];
  const text = (value: string) => {
    const parent = open.at(-1);
    if (!parent) return; // whitespace around the root
    const last = parent.children.at(-1);
    if (last?.kind === "text") last.text += value;
    else parent.children.push({ kind: "text", text: value });
  };
  parser.on("error", (error) => fail(error.message.replace(/^\d+:\d+: /, "")));
  parser.on("doctype", () => fail("DOCTYPE is not allowed in TwiML"));
  parser.on("processinginstruction", () => fail("processing instructions are not allowed in TwiML"));
  parser.on("opentag", (tag) => {
    const element: XmlElement = { kind: "element", name: tag.name, attributes: { ...tag.attributes }, children: [] };
    open.at(-1)?.children.push(element);
    root ??= element;
    open.push(element);
  });
  parser.on("closetag", () => open.pop());
  parser.on("text", text);
  parser.on("cdata", text);
  parser.write(source.replace(/^\uFEFF/, "")).close();
  return root ?? fail("document is empty");
}
