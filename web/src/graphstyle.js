// How each node type looks: colour and shape, shared by the graph, its legend and the path drawing.
export const NODE_LOOK = {
  Person: { color: '#1f5fbf', shape: 'ellipse' },
  Institution: { color: '#b35900', shape: 'round-rectangle' },
  Place: { color: '#1e7a3c', shape: 'diamond' },
  Commodity: { color: '#7b3fa0', shape: 'hexagon' },
  Source: { color: '#5c6670', shape: 'rectangle' },
};

/** The Cytoscape stylesheet: colour and shape by type, captions under nodes, labelled edges. */
export function stylesheet() {
  const byType = Object.entries(NODE_LOOK).map(([type, look]) => ({
    selector: `node[type = "${type}"]`,
    style: { 'background-color': look.color, shape: look.shape },
  }));
  return [
    { selector: 'node', style: {
      label: 'data(label)', 'font-size': 11, color: '#1a1a1a', 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'wrap', 'text-max-width': 120, 'text-background-color': '#ffffff',
      'text-background-opacity': 0.85, 'text-background-padding': 2, width: 26, height: 26,
    } },
    ...byType,
    { selector: 'node.root', style: { width: 38, height: 38, 'border-width': 4, 'border-color': '#111' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d4a000' } },
    { selector: 'edge', style: {
      width: 1.5, 'line-color': '#8a949e', 'target-arrow-color': '#8a949e', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', label: 'data(label)', 'font-size': 8, color: '#333', 'text-rotation': 'autorotate',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
    } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
}
