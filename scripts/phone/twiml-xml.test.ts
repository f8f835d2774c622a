import { describe, expect, it } from "vitest";
import { parseXml } from "./twiml-xml.ts";

describe("parseXml", () => {
  it("reads declaration, comments, attributes, entities and CDATA", () => {
    const root = parseXml(
      `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><Response a='1' b="&lt;&amp;&#x41;&#66;">` +
        `<Say>Tom &amp; Jerry<![CDATA[ <raw> ]]></Say><Hangup/></Response>\n`,
    );
    expect(root.name).toBe("Response");
    expect(root.attributes).toEqual({ a: "1", b: "<&AB" });
    expect(root.children[0]).toEqual({
      kind: "element",
      name: "Say",
      attributes: {},
      children: [{ kind: "text", text: "Tom & Jerry <raw> " }],
    });
    expect(root.children[1]).toMatchObject({ kind: "element", name: "Hangup", children: [] });
  });

  it.each([
    ["mismatched tag", "<Response><Say>x</Sag></Response>", /<\/Sag> does not match <Say>/],
    ["unclosed element", "<Response><Say>x</Say>", /<Response> is never closed/],
    ["bare ampersand", "<Response><Say>a & b</Say></Response>", /bad entity reference/],
    ["unknown entity", "<Response><Say>&nbsp;</Say></Response>", /bad entity reference '&nbsp;'/],
    ["duplicate attribute", `<Response><Say a="1" a="2">x</Say></Response>`, /duplicate attribute 'a'/],
    ["unquoted attribute", `<Response><Gather numDigits=1/></Response>`, /must be quoted/],
    ["two roots", "<Response/><Response/>", /content after the root element/],
    ["empty document", "   ", /document is empty/],
    ["doctype", "<!DOCTYPE x><Response/>", /DOCTYPE/],
    ["text outside root", "hello", /expected '<'/],
  ])("rejects %s", (_name, xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });

  it("reports line and column", () => {
    expect(() => parseXml("<Response>\n  <Say>x</Sag>\n</Response>")).toThrow(/line 2, column/);
  });
});
