// How each node type looks: colour and shape, shared by the graph, its legend and the path drawing.
export const NODE_LOOK = {
  Person: { color: '#1f5fbf', shape: 'ellipse' },
  Institution: { color: '#b35900', shape: 'round-rectangle' },
  Place: { color: '#1e7a3c', shape: 'diamond' },
  Commodity: { color: '#7b3fa0', shape: 'hexagon' },
  Source: { color: '#5c6670', shape: 'rectangle' },
  Event: { color: '#8a2f6f', shape: 'round-rectangle' },
};

const NODE_FONT = 12;
const EDGE_FONT = 10;
const CAPTION_WIDTH = 120;
const LEGIBLE = 8; // rendered pixels: a smaller caption is hidden until the view zooms in

const SAME_SIZE = { caption: 1, root: 1 };

/** The Cytoscape stylesheet: colour and shape by type, captions scaled by `scale()`, labelled edges. */
export function stylesheet(scale = () => SAME_SIZE) {
  const byType = Object.entries(NODE_LOOK).map(([type, look]) => ({
    selector: `node[type = "${type}"]`,
    style: { 'background-color': look.color, shape: look.shape },
  }));
  return [
    { selector: 'node', style: {
      label: 'data(label)', 'font-size': () => NODE_FONT * scale().caption, 'min-zoomed-font-size': LEGIBLE,
      color: '#1a1a1a', 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'wrap', 'text-max-width': () => CAPTION_WIDTH * scale().caption, 'text-background-color': '#ffffff',
      'text-background-opacity': 0.85, 'text-background-padding': 2, width: 26, height: 26,
    } },
    ...byType,
    { selector: 'node.root', style: { width: 38, height: 38, 'border-width': 4, 'border-color': '#111',
      'font-weight': 'bold', 'font-size': () => (NODE_FONT + 2) * scale().root,
      'text-max-width': () => CAPTION_WIDTH * scale().root, 'min-zoomed-font-size': 0 } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#d4a000', 'min-zoomed-font-size': 0 } },
    { selector: 'edge', style: {
      width: 1.5, 'line-color': '#8a949e', 'target-arrow-color': '#8a949e', 'target-arrow-shape': 'triangle',
      'curve-style': 'bezier', label: 'data(label)', 'font-size': () => EDGE_FONT * scale().caption,
      'min-zoomed-font-size': LEGIBLE, color: '#333', 'text-rotation': 'autorotate',
      'text-background-color': '#ffffff', 'text-background-opacity': 0.85, 'text-background-padding': 1,
    } },
    // Crowded graphs caption only the edges of the selected node: hundreds of edge captions hide one another.
    { selector: 'edge.quiet', style: { 'text-opacity': 0 } },
    { selector: 'edge.near', style: { 'text-opacity': 1, 'line-color': '#4d5660', 'target-arrow-color': '#4d5660' } },
    { selector: '.hidden', style: { display: 'none' } },
  ];
}
