// Schema-backed editing for JSON task definitions: completion of member names and enum values,
// and hover documentation, read from schemas/task-definition.schema.json (the RegisterTaskDefinition
// request body, bundled into the editor script: nothing is fetched).
//
// The position in the document is found from the JSON syntax tree: the names of the members
// that enclose the cursor, with `*` for an array element. A describe-task-definition document
// (`{"taskDefinition": ...}`) and a Terraform container array are mapped onto the same schema.

import { syntaxTree } from "@codemirror/language";
import { hoverTooltip } from "@codemirror/view";
import schema from "../../schemas/task-definition.schema.json";

function resolve(node) {
  let seen = 0;
  while (node && node.$ref && seen++ < 16) {
    const name = node.$ref.replace("#/$defs/", "");
    node = schema.$defs[name];
  }
  return node;
}

// The schema of the value at `path` (member names, `*` for array items).
function schemaAt(path) {
  let node = schema;
  let rest = path;
  // describe-task-definition output wraps the body; Terraform gives the container array alone.
  if (rest[0] === "taskDefinition") rest = rest.slice(1);
  else if (rest[0] === "*") node = { type: "array", items: schema.properties.containerDefinitions.items };
  for (const key of rest) {
    node = resolve(node);
    if (!node) return null;
    if (key === "*") node = node.items;
    else node = node.properties ? node.properties[key] : null;
  }
  return resolve(node);
}

const unquote = (text) => {
  try {
    return JSON.parse(text);
  } catch (_) {
    return text.replace(/^"|"$/g, "");
  }
};

// The member names enclosing `node`, outermost first; the node's own member name when it is a
// value is included, a name being typed is not.
function pathOf(state, node) {
  const path = [];
  for (let n = node; n; n = n.parent) {
    const parent = n.parent;
    if (!parent) break;
    if (parent.name === "Property" && n.name !== "PropertyName") {
      const name = parent.getChild("PropertyName");
      if (name) path.push(unquote(state.sliceDoc(name.from, name.to)));
    } else if (parent.name === "Array") {
      path.push("*");
    }
  }
  return path.reverse();
}

function describe(s) {
  if (!s) return "";
  const parts = [];
  if (s.description) parts.push(s.description);
  if (s.enum) parts.push(`One of: ${s.enum.join(", ")}`);
  else if (s.type) parts.push(`Type: ${Array.isArray(s.type) ? s.type.join(" or ") : s.type}`);
  return parts.join("\n");
}

// Completion: member names inside an object, enum values inside a string value.
export function schemaCompletion(context) {
  const tree = syntaxTree(context.state);
  const node = tree.resolveInner(context.pos, -1);
  const inName = node.name === "PropertyName";
  const inObject = node.name === "Object" || (node.name === "⚠" && node.parent?.name === "Object");
  if (inName || inObject) {
    const object = inName ? node.parent?.parent : node.name === "Object" ? node : node.parent;
    if (!object) return null;
    const target = schemaAt(pathOf(context.state, object));
    if (!target || !target.properties) return null;
    const present = new Set(
      object.getChildren("Property").map((p) => {
        const name = p.getChild("PropertyName");
        return name ? unquote(context.state.sliceDoc(name.from, name.to)) : "";
      }),
    );
    const from = inName ? node.from : context.pos;
    if (!inName && !context.explicit && !context.matchBefore(/"?\w*$/)) return null;
    return {
      from: inName ? from : (context.matchBefore(/"?\w*$/)?.from ?? from),
      options: Object.entries(target.properties)
        .filter(([key]) => !present.has(key) || (inName && unquote(context.state.sliceDoc(node.from, node.to)) === key))
        .map(([key, value]) => ({
          label: `"${key}"`,
          displayLabel: key,
          type: "property",
          info: describe(resolve(value)),
          apply: inName ? `"${key}"` : `"${key}": `,
        })),
      validFor: /^"?\w*"?$/,
    };
  }
  if (node.name === "String") {
    const target = schemaAt(pathOf(context.state, node));
    if (!target || !target.enum) return null;
    return {
      from: node.from,
      to: node.to,
      options: target.enum.map((v) => ({ label: JSON.stringify(v), type: "enum", info: describe(target) })),
      validFor: /^"?[\w.-]*"?$/,
    };
  }
  return null;
}

// Hover: the documentation of the member under the pointer.
export const schemaHover = hoverTooltip((view, pos, side) => {
  let node = syntaxTree(view.state).resolveInner(pos, side);
  if (node.name !== "PropertyName") return null;
  const property = node.parent;
  const valueNode = property?.lastChild;
  if (!valueNode || valueNode === node) return null;
  const target = schemaAt(pathOf(view.state, valueNode));
  const text = describe(target);
  if (!text) return null;
  const key = unquote(view.state.sliceDoc(node.from, node.to));
  return {
    pos: node.from,
    end: node.to,
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "cm-schema-hover";
      const title = document.createElement("strong");
      title.textContent = key;
      const body = document.createElement("div");
      body.textContent = text;
      dom.append(title, body);
      return { dom };
    },
  };
});
