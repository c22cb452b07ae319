// The one way the client reaches data: POST to the public GraphQL API.
const ENDPOINT = '/graphql';

/** Run a GraphQL query; resolve its data or reject with the first error message. */
export async function gql(query, variables = {}) {
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

let entityFields = null;

/** The field names of the Entity interface, asked once, so optional fields are queried only when served. */
export async function entityFieldNames() {
  if (!entityFields) {
    const data = await gql('{ __type(name: "Entity") { fields { name } } }');
    entityFields = new Set(data.__type.fields.map((f) => f.name));
  }
  return entityFields;
}
