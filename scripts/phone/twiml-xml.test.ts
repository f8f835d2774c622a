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
    ["mismatched tag", "<Response><Say>x</Sag></Response>", /unexpected close tag/],
    ["unclosed element", "<Response><Say>x</Say>", /unclosed tag: Response/],
    ["bare ampersand", "<Response><Say>a & b</Say></Response>", /unclosed tag: Say/], // the entity reference runs on to the end,
    ["unknown entity", "<Response><Say>&nbsp;</Say></Response>", /undefined entity/],
    ["duplicate attribute", `<Response><Say a="1" a="2">x</Say></Response>`, /duplicate attribute: a/],
    ["unquoted attribute", `<Response><Gather numDigits=1/></Response>`, /unquoted attribute value/],
    ["two roots", "<Response/><Response/>", /only one root/],
    ["empty document", "   ", /must contain a root element/],
    ["doctype", "<!DOCTYPE x><Response/>", /DOCTYPE/],
    ["text outside root", "hello", /text data outside of root node/],
  ])("rejects %s", (_name, xml, message) => {
    expect(() => parseXml(xml)).toThrow(message);
  });

  it("reports line and column", () => {
    expect(() => parseXml("<Response>\n  <Say>x</Sag>\n</Response>")).toThrow(/line 2, column/);
  });
});
