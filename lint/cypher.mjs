// Lint every Cypher statement Jalin can send to Neo4j with Neo4j's own language support.
// Reads {statements: [{name, text, parameters}], schema} as JSON on stdin; exits 1 on any error.
import { lintCypherQuery, testData } from '@neo4j-cypher/language-support';

const ERROR = 1;
// The schema lists every label and relationship type of Jalin's model, so naming another is a
// mistake here, not the "maybe it exists at run time" warning the linter gives in an editor.
const UNKNOWN_NAME = /^(Label|Relationship type) \S+ is not present in the database/;
const input = JSON.parse(await new Promise((resolve) => {
  let text = '';
  process.stdin.on('data', (chunk) => { text += chunk; });
  process.stdin.on('end', () => resolve(text));
}));

// Signatures of Neo4j's built-in functions and procedures as the package ships them; only the
// procedures Jalin names are declared, so any other procedure is reported.
function dbSchema(schema, parameters) {
  const procedures = {};
  for (const [version, registry] of Object.entries(testData.mockSchema.procedures)) {
    procedures[version] = Object.fromEntries(schema.procedures.map((name) => [name, registry[name]]));
  }
  return {
    labels: schema.labels,
    relationshipTypes: schema.relationshipTypes,
    propertyKeys: schema.propertyKeys,
    functions: testData.mockSchema.functions,
    procedures,
    parameters: Object.fromEntries(parameters.map((name) => [name, null])),
  };
}

let errors = 0;
const warnings = new Map(); // message -> where it was seen; one line per distinct warning
for (const statement of input.statements) {
  const { diagnostics } = lintCypherQuery(statement.text, dbSchema(input.schema, statement.parameters));
  for (const d of diagnostics) {
    const where = `${statement.name}:${d.range.start.line + 1}`;
    if (d.severity === ERROR || UNKNOWN_NAME.test(d.message)) {
      errors += 1;
      console.log(`${where}: error: ${d.message}`);
    } else {
      warnings.set(d.message, [...(warnings.get(d.message) ?? []), where]);
    }
  }
}
for (const [message, places] of warnings) {
  const shown = places.slice(0, 3).join(', ') + (places.length > 3 ? ` and ${places.length - 3} more` : '');
  console.log(`warning: ${message.split('\n')[0].slice(0, 160)}\n  at ${shown}`);
}
const warningCount = [...warnings.values()].reduce((sum, places) => sum + places.length, 0);
console.log(`${input.statements.length} statements, ${errors} errors (${warningCount} warnings)`);
process.exit(errors ? 1 : 0);
