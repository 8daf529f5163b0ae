// check.mjs runs the BSI CSAF validator library (@secvisogram/csaf-validator-lib,
// pinned in package.json) on CSAF documents: for each file named on the
// command line, the library's strict schema test of the document's CSAF
// version and every mandatory test of that version. It prints one line of
// JSON per file, in the order given:
//
//	{"file": "...", "csaf_version": "2.0", "tests": 46,
//	 "failed": [{"test": "6.1.27.2", "function": "mandatoryTest_6_1_27_2",
//	             "errors": [{"path": "/document/references", "message": "..."}]}]}
//
// "test" is the test's number in the CSAF standard, or "schema" for the
// strict schema test; a file that cannot be read or has no supported
// csaf_version gets "error" instead of "failed". The exit status is 0 when
// every file was checked, whatever the tests say, and 2 on a usage error.
//
// Which tests: CSAF 2.0, the library's csaf_2_0_strict schema test and the
// mandatory tests of mandatoryTests.js (6.1.1 to 6.1.33; 6.1.8 is the
// schema test, and is run too); CSAF 2.1, csaf_2_1_strict and every test
// of csaf_2_1/mandatoryTests.js (the library marks its 2.1 tests
// experimental, and lists those it does not implement in its README). The
// library's validate.js runs them: its validateStrict refuses the 2.1
// tests. No recommended or informative test is run; in particular not
// informative test 6.3.6, which sends a request to every URL of the
// document: this script makes no network request.
//
// Usage: node check.mjs FILE...
import { readFile } from 'node:fs/promises'

import validate from '@secvisogram/csaf-validator-lib/validate.js'
import * as mandatory20 from '@secvisogram/csaf-validator-lib/mandatoryTests.js'
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js'
import * as mandatory21 from '@secvisogram/csaf-validator-lib/csaf_2_1/mandatoryTests.js'
import { csaf_2_1_strict } from '@secvisogram/csaf-validator-lib/csaf_2_1/schemaTests.js'

/** The tests of each version, as [name, function], in a stable order. */
const suites = {
  '2.0': [['csaf_2_0_strict', csaf_2_0_strict], ...mandatoryOf(mandatory20)],
  '2.1': [['csaf_2_1_strict', csaf_2_1_strict], ...mandatoryOf(mandatory21)],
}

/** The mandatory tests of a module: its exports named mandatoryTest_…. */
function mandatoryOf(module) {
  return Object.entries(module)
    .filter(([name]) => name.startsWith('mandatoryTest_'))
    .sort(([a], [b]) => compareNumbers(number(a), number(b)))
}

/** The test's number in the standard: mandatoryTest_6_1_27_2 is 6.1.27.2. */
function number(name) {
  if (name.endsWith('_strict')) return 'schema'
  return name.replace(/^mandatoryTest_/, '').replaceAll('_', '.')
}

function compareNumbers(a, b) {
  const x = a.split('.').map(Number)
  const y = b.split('.').map(Number)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1)
    if (d !== 0) return d
  }
  return 0
}

async function check(file) {
  let doc
  try {
    doc = JSON.parse(await readFile(file, 'utf8'))
  } catch (e) {
    return { file, error: `not read: ${e.message}` }
  }
  const version = doc?.document?.csaf_version
  const suite = suites[version]
  if (!suite) {
    return { file, error: `no tests for csaf_version ${JSON.stringify(version)}` }
  }
  const failed = []
  for (const [name, test] of suite) {
    let result
    try {
      result = await validate([test], doc)
    } catch (e) {
      // A test that throws on a document has not passed it.
      failed.push({ test: number(name), function: name, errors: [{ path: '', message: `the test threw: ${e.message}` }] })
      continue
    }
    if (result.isValid) continue
    const errors = result.tests.flatMap((t) => t.errors).map((e) => ({ path: e.instancePath ?? '', message: e.message ?? '' }))
    failed.push({ test: number(name), function: name, errors })
  }
  return { file, csaf_version: version, tests: suite.length, failed }
}

const files = process.argv.slice(2)
if (files.length === 0) {
  process.stderr.write('usage: node check.mjs FILE...\n')
  process.exit(2)
}
for (const file of files) {
  process.stdout.write(JSON.stringify(await check(file)) + '\n')
}
