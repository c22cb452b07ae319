// GraphiQL with the query explorer, bundled from npm so that /graphql works without internet.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { explorerPlugin } from '@graphiql/plugin-explorer';

const DEFAULT_QUERY = `# Jalin's public GraphQL API; press the run button or Ctrl-Enter.
{
  search(text: "Fadjroel", first: 3) {
    __typename
    id
    name
    aliases
  }
}
`;

const fetcher = createGraphiQLFetcher({ url: window.location.pathname });
const app = createElement(GraphiQL, { fetcher, plugins: [explorerPlugin()], defaultQuery: DEFAULT_QUERY });
createRoot(document.getElementById('graphiql')).render(app);
