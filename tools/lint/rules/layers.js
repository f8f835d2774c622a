// The layering the code keeps by design, enforced: a file may import only from the layers its
// own layer may see. Relative imports are resolved against the importing file, so the rule
// judges where an import lands, not how its path is spelled.
import { dirname, relative, resolve, sep } from "node:path";

/** Top-level directory of the server (under ivr/src) that a path lies in, or null. */
function serverLayer(root, file) {
  const rel = relative(resolve(root, "ivr/src"), file);
  if (rel.startsWith("..") || rel === "") return null;
  const [first] = rel.split(sep);
  return rel.includes(sep) ? first : "(root)";
}

function isInside(root, dir, file) {
  const rel = relative(resolve(root, dir), file);
  return !rel.startsWith("..") && rel !== "";
}

/** @type {import("eslint").Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: "problem",
    docs: { description: "Keep the domain free of transports and the console off the server's internals" },
    schema: [
      {
        type: "object",
        properties: {
          root: { type: "string" },
          forbidden: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
        },
        additionalProperties: false,
      },
    ],
    messages: {
      layer:
        "{{from}}/ may not import from {{to}}/ ({{spec}}): the layers are domain ← call-flow ← adapters/transport.",
      console: "The console may import from the server only through @contracts ({{spec}}).",
    },
  },
  create(context) {
    const { root, forbidden } = context.options[0];
    const file = context.filename;
    const check = (node, spec) => {
      if (typeof spec !== "string" || !spec.startsWith(".")) return;
      const target = resolve(dirname(file), spec);
      if (isInside(root, "agent-console", file)) {
        if (isInside(root, "ivr", target)) context.report({ node, messageId: "console", data: { spec } });
        return;
      }
      const from = serverLayer(root, file);
      const to = serverLayer(root, target);
      if (from && to && (forbidden[from] ?? []).includes(to)) {
        context.report({ node, messageId: "layer", data: { from, to, spec } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node.source, node.source.value),
    };
  },
};
