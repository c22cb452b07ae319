// Where the neighbourhood graph puts its nodes and how big its captions are at the present zoom.
export const CROWDED = 120; // nodes; beyond this cose takes seconds and its captions pile up, so rings take over
export const PADDING = 30;
// Longer springs and stronger repulsion than cose's defaults leave room for two-line captions.
const COSE = { name: 'cose', animate: false, nodeDimensionsIncludeLabels: true, fit: true, padding: PADDING,
  idealEdgeLength: () => 90, nodeRepulsion: () => 12000 };
const RING_GAP = 90; // model pixels between rings
const FIRST_RING = 12; // nodes on the innermost ring; ring k holds k times as many, so spacing stays even
const FAR = 1e6;

function hopsFrom(cy, rootId) {
  const hops = new Map();
  cy.elements().bfs({ roots: cy.$id(rootId), visit: (node, edge, previous, index, depth) => {
    hops.set(node.id(), depth);
  } });
  return hops;
}

function ringSizes(count) {
  const sizes = [];
  for (let left = count, k = 1; left > 0; left -= FIRST_RING * k, k += 1) sizes.push(Math.min(left, FIRST_RING * k));
  return sizes;
}

// Nearer nodes go inside; within a ring nodes of one type sit together, in name order.
function ringOrder(cy, rootId) {
  const hops = hopsFrom(cy, rootId);
  const far = (n) => hops.get(n.id()) ?? FAR;
  return cy.nodes().not(cy.$id(rootId)).map((n) => n).sort((a, b) => far(a) - far(b)
    || a.data('type').localeCompare(b.data('type')) || a.data('label').localeCompare(b.data('label')));
}

/** Positions on rings around the root, for graphs too large for a force-directed layout. */
export function ringPositions(cy, rootId) {
  const positions = { [rootId]: { x: 0, y: 0 } };
  const order = ringOrder(cy, rootId);
  let start = 0;
  ringSizes(order.length).forEach((size, k) => {
    order.slice(start, start + size).forEach((node, slot) => {
      const angle = (2 * Math.PI * slot) / size + k * 0.5;
      positions[node.id()] = { x: RING_GAP * (k + 1) * Math.cos(angle), y: RING_GAP * (k + 1) * Math.sin(angle) };
    });
    start += size;
  });
  return positions;
}

/** The layout for the graph's present size: cose while small, rings around `rootId` when crowded. */
export function layoutFor(cy, rootId, randomize = false) {
  if (cy.nodes().length <= CROWDED) return { ...COSE, randomize };
  return { name: 'preset', positions: ringPositions(cy, rootId), fit: true, padding: PADDING, animate: false };
}

const boost = (zoom, most) => Math.round(10 * Math.min(most, Math.max(1, 1 / zoom))) / 10;

/** How much to enlarge captions at the present zoom, so a zoomed-out graph stays legible. */
export function captionScale(cy) {
  // Crowded: other captions hide below a legible size and show on zooming in; the root's always shows.
  const crowded = cy.nodes().length > CROWDED;
  return { caption: crowded ? 1 : boost(cy.zoom(), 2), root: boost(cy.zoom(), 3) };
}
