// An entity with its relations as complete as the API serves them: one page when it fits, else one per type.
import { gql } from './api.js';
import { RELATION_LABELS } from './i18n.js';

// The API's largest page of relations; `relations` takes no cursor, so a fuller answer is asked type by type.
export const PAGE = 100;
const TYPES = Object.keys(RELATION_LABELS);

function entityQuery(entityFields, relationFields) {
  return `query EntityRelations($id: ID!) {
    entity(id: $id) { ${entityFields} relations(first: ${PAGE}) { ${relationFields} } }
  }`;
}

function byTypeQuery(relationFields) {
  const params = TYPES.map((_, i) => `$t${i}: [String!]`).join(', ');
  const pages = TYPES.map((_, i) => `r${i}: relations(types: $t${i}, first: ${PAGE}) { ${relationFields} }`);
  return `query RelationsByType($id: ID!, ${params}) { entity(id: $id) { ${pages.join('\n')} } }`;
}

async function relationsByType(id, relationFields) {
  const variables = Object.fromEntries(TYPES.map((type, i) => [`t${i}`, [type]]));
  const { entity } = await gql(byTypeQuery(relationFields), { id, ...variables });
  const pages = TYPES.map((_, i) => entity[`r${i}`]);
  return { relations: pages.flat(), capped: TYPES.filter((_, i) => pages[i].length === PAGE) };
}

/** Entity `id` with `entityFields`, its `relations` and the `capped` types whose relations may go on. */
export async function entityWithRelations(id, entityFields, relationFields) {
  const { entity } = await gql(entityQuery(entityFields, relationFields), { id });
  if (!entity || entity.relations.length < PAGE) return entity && { ...entity, capped: [] };
  return { ...entity, ...(await relationsByType(id, relationFields)) };
}
