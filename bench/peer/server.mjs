// The benchmark's peer: the Neo4j GraphQL Library serving Jalin's graph as stored (schema.graphql,
// generated from Jalin's schema/) on graphql-yoga, over the same Neo4j as Jalin.
// Environment: PEER_PORT, NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { Neo4jGraphQL } from "@neo4j/graphql";
import { createYoga } from "graphql-yoga";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(process.env.NEO4J_URI, neo4j.auth.basic(process.env.NEO4J_USER, process.env.NEO4J_PASSWORD));
const library = new Neo4jGraphQL({ typeDefs, driver });
await library.checkNeo4jCompat(); // Neo4j 5 with the APOC functions the library calls
const yoga = createYoga({ schema: await library.getSchema(), graphiql: false, logging: "warn" });
const server = createServer(yoga);
server.listen(Number(process.env.PEER_PORT), "127.0.0.1");

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => server.close(() => driver.close().then(() => process.exit(0))));
}
