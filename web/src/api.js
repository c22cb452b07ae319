// The one way the client reaches data: POST to the public GraphQL API.
const ENDPOINT = '/graphql';

/** Run a GraphQL query, with the bearer `token` when given; resolve its data or reject with the first
 * error: its message, and the `code` and `problems` the server gives. */
export async function gql(query, variables = {}, { token } = {}) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  if (body.errors?.length) {
    const [first] = body.errors;
    throw Object.assign(new Error(first.message), { code: first.extensions?.code, problems: first.extensions?.problems ?? [] });
  }
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
