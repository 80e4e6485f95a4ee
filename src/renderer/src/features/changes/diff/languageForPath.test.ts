import { describe, expect, it } from 'vitest';
import { languageForPath } from './languageForPath';

describe('languageForPath', () => {
  it.each([
    ['src/app/App.tsx', 'typescript'],
    ['index.ts', 'typescript'],
    ['lib/x.mjs', 'javascript'],
    ['Component.jsx', 'javascript'],
    ['package.json', 'json'],
    ['styles/a.scss', 'scss'],
    ['README.md', 'markdown'],
    ['main.py', 'python'],
    ['cmd/main.go', 'go'],
    ['src/lib.rs', 'rust'],
    ['Main.java', 'java'],
    ['a/b.c', 'c'],
    ['a/b.hpp', 'cpp'],
    ['Program.cs', 'csharp'],
    ['scripts/run.sh', 'shell'],
    ['.github/workflows/ci.yml', 'yaml'],
    ['db/schema.sql', 'sql'],
    ['app.rb', 'ruby'],
    ['index.php', 'php'],
    ['pom.xml', 'xml'],
    ['setup.cfg', 'ini'],
    ['index.html', 'html'],
  ])('%s is %s', (path, language) => {
    expect(languageForPath(path)).toBe(language);
  });

  it('knows files by name, whatever their case', () => {
    expect(languageForPath('Dockerfile')).toBe('dockerfile');
    expect(languageForPath('docker/Dockerfile.dev')).toBe('dockerfile');
    expect(languageForPath('build/prod.dockerfile')).toBe('dockerfile');
    expect(languageForPath('Gemfile')).toBe('ruby');
    expect(languageForPath('.editorconfig')).toBe('ini');
    expect(languageForPath('SRC/MAIN.TS')).toBe('typescript');
  });

  it('falls back to plain text for unknown or missing extensions', () => {
    expect(languageForPath('Makefile')).toBe('plaintext');
    expect(languageForPath('notes.unknownext')).toBe('plaintext');
    expect(languageForPath('LICENSE')).toBe('plaintext');
    expect(languageForPath('a.dir/no-extension')).toBe('plaintext');
  });
});
