/**
 * A tiny Python project whose one test fails until `add()` adds: what the agent's tests give
 * the scripted model to fix. `python3 -m unittest` runs it in the sandbox image.
 */
export const calcRepoFiles = {
  'calc.py': 'def add(a, b):\n    return a - b\n',
  'test_calc.py': [
    'import unittest',
    'from calc import add',
    '',
    'class AddTest(unittest.TestCase):',
    '    def test_add(self):',
    '        self.assertEqual(add(2, 3), 5)',
    '',
  ].join('\n'),
  'AGENTS.md': 'Run the tests with `python3 -m unittest`.\n',
};
