// tests/browser/schema.mjs - validates JSON files against a JSON Schema (draft 2020-12) with ajv
//
//   node schema.mjs SCHEMA FILE|DIR...
//
// A DIR stands for every *.json file in it. Prints one line per file that
// is not valid (its first error) and a count; exits 1 if any is not.
import Ajv2020 from 'ajv/dist/2020.js';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const [schemaPath, ...args] = process.argv.slice(2);
if (!schemaPath || args.length === 0) {
  console.error('usage: node schema.mjs SCHEMA FILE|DIR...');
  process.exit(2);
}
const ajv = new Ajv2020({ strict: true });
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
const files = args.flatMap((a) => statSync(a).isDirectory()
  ? readdirSync(a).filter((n) => n.endsWith('.json')).map((n) => join(a, n))
  : [a]);
let bad = 0;
for (const f of files) {
  let doc;
  try {
    doc = JSON.parse(readFileSync(f, 'utf8'));
  } catch (e) {
    console.log(`${f}: not JSON: ${e.message}`);
    bad++;
    continue;
  }
  if (!validate(doc)) {
    const e = validate.errors[0];
    console.log(`${f}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    bad++;
  }
}
console.log(`${files.length - bad} of ${files.length} valid`);
process.exit(bad ? 1 : 0);
