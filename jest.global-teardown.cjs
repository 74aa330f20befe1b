// Removes the run's scratch directory (jest.global-setup.cjs) once every test file has finished and
// stopped its servers. A run killed before this leaves that one directory, not one per server.
const fs = require('node:fs');

module.exports = async function removeScratchRoot() {
  const root = process.env.PARLEY_TEST_SCRATCH;
  if (root) fs.rmSync(root, { recursive: true, force: true, maxRetries: 3 });
};
