import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeCommand, loadShellParser } from './shellParser';

beforeAll(() => loadShellParser());

describe('analyzeCommand', () => {
  it('splits plain compound commands into argv segments and operators', () => {
    expect(analyzeCommand('git status && npm test -- -u | tee out; ls\npwd')).toEqual({
      simple: true,
      segments: [['git', 'status'], ['npm', 'test', '--', '-u'], ['tee', 'out'], ['ls'], ['pwd']],
      operators: ['&&', '|', ';', ';'],
      recognised: [['git', 'status'], ['npm', 'test', '--', '-u'], ['tee', 'out'], ['ls'], ['pwd']],
      fed: [['tee', 'out']],
    });
  });

  it('reads quotes and escapes as bash does', () => {
    const { simple, segments } = analyzeCommand(`echo "a && b" 'c; d' e\\ f "g\\$h\\d" x"y"'z' ""`);
    expect(simple).toBe(true);
    expect(segments).toEqual([['echo', 'a && b', 'c; d', 'e f', 'g$h\\d', 'xyz', '']]);
  });

  it.each([
    ['echo $(id)', 'command substitution $( )'],
    ['echo `id`', 'command substitution ` `'],
    ['ls > out', 'redirection'],
    ['cat <<EOF\nhi\nEOF', 'heredoc'],
    ['echo $HOME', 'variable expansion'],
    ['echo "${HOME}"', 'variable expansion'],
    ['(cd x && ls)', 'subshell'],
    ['{ ls; }', 'command group { }'],
    ['FOO=1 ls', 'variable assignment'],
    ['sleep 9 &', 'background &'],
    ['ls |& cat', 'operator |&'],
    ['ls &&', 'parse error'],
    ["echo 'unterminated", 'parse error'],
    ['if true; then ls; fi', 'control flow'],
    ['diff <(ls a) <(ls b)', 'process substitution'],
    ['ls *.ts', 'glob pattern'],
    ['echo {a,b}', 'brace expansion'],
    ['cat ~/.bashrc', 'tilde expansion'],
    ['ls # list', 'comment'],
    ['ls \\\n-la', 'line continuation'],
    ['git status\rrm x', 'control character'],
    ["bash -c 'ls'", 'wrapper `bash -c`'],
    ['sudo ls', 'wrapper `sudo`'],
    ['xargs rm', 'wrapper `xargs`'],
    ['python3 -c "print(1)"', 'wrapper `python3 -c`'],
    ["perl -ne 'print'", 'wrapper `perl -ne`'],
  ])('%j is not simple: %s', (command, reason) => {
    const analysis = analyzeCommand(command);
    expect(analysis.simple).toBe(false);
    expect(analysis.reason).toContain(reason);
    expect(analysis.segments).toEqual([]);
  });

  it('keeps ordinary uses of wrapper names simple', () => {
    for (const command of ['bash build.sh', 'python3 -m pytest', 'env', 'command -v git']) {
      expect(analyzeCommand(command).simple, command).toBe(true);
    }
  });

  it('recognises commands inside complex and wrapped commands', () => {
    const { recognised } = analyzeCommand(
      `echo $(git push) > x; sudo timeout 5 vim a; bash -c "eval 'rm -rf /'"`,
    );
    expect(recognised).toEqual(
      expect.arrayContaining([
        ['git', 'push'],
        ['vim', 'a'],
        ['rm', '-rf', '/'],
      ]),
    );
  });

  it('hands find -exec commands to the deny checks without making find opaque', () => {
    const analysis = analyzeCommand('find . -name x -exec rm {} +');
    expect(analysis.simple).toBe(true);
    expect(analysis.recognised).toContainEqual(['rm', '{}']);
  });
});

describe('analyzeCommand limits', () => {
  it('gives up on more commands than it is worth checking', () => {
    const many = Array.from({ length: 1200 }, (_, i) => `echo ${i}`).join('; ');
    const analysis = analyzeCommand(`${many}; sudo vim x`);
    expect(analysis.simple).toBe(false);
    expect(analysis.reason).toContain('too many commands to check');
  });
});
