// One scratch directory for the whole run: test servers' data directories and packed widgets go in it
// (server/src/test-support/scratch-dir.ts), and jest.global-teardown.cjs removes it. Test workers start
// after this runs, so they inherit the variable.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async function makeScratchRoot() {
  process.env.PARLEY_TEST_SCRATCH = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-tests-'));
};
