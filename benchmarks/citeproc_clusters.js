// Citation clusters rendered by citeproc-js as a document would have them, for compare.py.
//
//     node citeproc_clusters.js ORACLE_DIR < request.json
//
// request.json: {"style": "<style XML>", "locales": "<dir of locales-*.xml>", "lang": null or
//                "de-DE" (forced), "items": [CSL-JSON], "clusters": [[{"id": "a", "locator": "12"}, ...], ...]}
// Prints a JSON list: each cluster's plain text, in order.
//
// Unlike csl-oracle's render.js --mode citation, which prints what rebuildProcessorState
// returns (each cluster as it stood before the uncited items were registered), each cluster
// is previewed once the whole document is registered: what a finished document shows (year
// suffixes against uncited items included). Cites may carry locators. A development aid:
// citefmt never runs it.
"use strict";
const fs = require("fs");
const path = require("path");

const oracle = process.argv[2];
if (!oracle) {
  process.stderr.write("usage: node citeproc_clusters.js ORACLE_DIR < request.json\n");
  process.exit(2);
}
const CSL = require(path.join(path.resolve(oracle), "node_modules", "citeproc"));
const request = JSON.parse(fs.readFileSync(0, "utf8"));

// citeproc-js wants strings where CSL-JSON allows numbers ("volume": 2).
const items = new Map(request.items.map((item) => {
  const copy = {};
  for (const [key, value] of Object.entries(item)) copy[key] = typeof value === "number" ? String(value) : value;
  return [String(item.id), copy];
}));

const sys = {
  retrieveItem: (id) => items.get(String(id)),
  retrieveLocale: (lang) => {
    const file = path.join(request.locales, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
};
const engine = request.lang ? new CSL.Engine(sys, request.style, request.lang, true) : new CSL.Engine(sys, request.style);
engine.setOutputFormat("text");

const cited = new Set(request.clusters.flat().map((cite) => String(cite.id)));
const uncited = [...items.keys()].filter((id) => !cited.has(id));
const citations = request.clusters.map((cluster, n) => ({
  citationID: `c${n + 1}`,
  citationItems: cluster.map((cite) => (cite.locator ? { id: String(cite.id), locator: cite.locator } : { id: String(cite.id) })),
  properties: { noteIndex: 0 },
}));
// The whole document at once (numbering by first citation, uncited items after them), then
// each cluster previewed in that final state, where year suffixes and names take the
// uncited items into account (rebuildProcessorState's own return predates them).
engine.rebuildProcessorState(citations, "text", uncited);
const placed = citations.map((citation) => [citation.citationID, 0]);
const texts = citations.map((citation, n) =>
  engine.previewCitationCluster({ ...citation, citationID: `preview${n + 1}` }, placed.slice(0, n),
    placed.slice(n + 1), "text"));
process.stdout.write(JSON.stringify(texts) + "\n");
