// An entity with all of its relations: pages of the API's largest size, each resuming after the last one's cursor.
import { gql } from './api.js';

// The API's largest page of relations.
export const PAGE = 100;

function entityQuery(entityFields, relationFields) {
  return `query EntityRelations($id: ID!) {
    entity(id: $id) { ${entityFields} relations(first: ${PAGE}) { cursor ${relationFields} } }
  }`;
}

function nextPageQuery(relationFields) {
  return `query MoreRelations($id: ID!, $after: String) {
    entity(id: $id) { relations(first: ${PAGE}, after: $after) { cursor ${relationFields} } }
  }`;
}

/** Entity `id` with `entityFields` and every one of its `relations`, or null when there is none. */
export async function entityWithRelations(id, entityFields, relationFields) {
  const { entity } = await gql(entityQuery(entityFields, relationFields), { id });
  if (!entity) return null;
  const relations = [...entity.relations];
  let page = entity.relations;
  while (page.length === PAGE) {
    const more = await gql(nextPageQuery(relationFields), { id, after: page[page.length - 1].cursor });
    page = more.entity.relations;
    relations.push(...page);
  }
  return { ...entity, relations };
}
