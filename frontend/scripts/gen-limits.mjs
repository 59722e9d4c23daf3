// Writes src/api/limits.ts from openapi/openapi.json: the HTML constraint attributes of every
// request field (maxLength, minLength, min, max) and the largest page a list serves, so a form
// checks what the API checks without copying a number. Run by `npm run gen:api`; a backend test
// (tests/web/test_build.py) fails when the committed file is stale.
import { readFileSync, writeFileSync } from "node:fs";

const [source = "../openapi/openapi.json", target = "src/api/limits.ts"] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(source, "utf8"));

/** The constraints of one field, looking through `anyOf: [..., {type: "null"}]`. */
function constraints(schema) {
  const out = {};
  for (const part of [schema, ...(schema.anyOf ?? [])]) {
    if (part.maxLength !== undefined) out.maxLength = part.maxLength;
    if (part.minLength !== undefined) out.minLength = part.minLength;
    if (part.minimum !== undefined) out.min = part.minimum;
    if (part.maximum !== undefined) out.max = part.maximum;
  }
  return out;
}

const schemas = {};
for (const [name, schema] of Object.entries(doc.components.schemas).sort(([a], [b]) => a.localeCompare(b))) {
  const fields = {};
  for (const [field, property] of Object.entries(schema.properties ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (property.readOnly) continue;
    const c = constraints(property);
    if (Object.keys(c).length) fields[field] = c;
  }
  if (Object.keys(fields).length) schemas[name] = fields;
}

const pageLimits = new Set();
for (const item of Object.values(doc.paths)) {
  for (const parameter of item.get?.parameters ?? []) {
    if (parameter.in === "query" && parameter.name === "limit") pageLimits.add(constraints(parameter.schema).max);
  }
}
if (pageLimits.size !== 1) throw new Error(`lists disagree on their largest page: ${[...pageLimits]}`);

const text = `// Generated from openapi/openapi.json by scripts/gen-limits.mjs (\`npm run gen:api\`): do not edit.
// Each request field's HTML constraint attributes, to spread onto its input: the browser checks
// what the API checks.

export const limits = ${JSON.stringify(schemas, null, 2)} as const;

/** The largest page a list serves (its \`limit\` query parameter). */
export const PAGE_LIMIT = ${[...pageLimits][0]};
`;
writeFileSync(target, text);
