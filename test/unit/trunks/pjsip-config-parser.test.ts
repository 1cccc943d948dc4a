import { describe, expect, it } from 'vitest';
import { optionValue, parseAsteriskConfig } from '../../../main/pbx/trunks/pjsip-config-parser';

describe('reading Asterisk configuration', () => {
  it('puts a template’s options before the section’s own, in the templates’ order', () => {
    const { sections, problems } = parseAsteriskConfig(`
[base](!)
type=endpoint
allow=ulaw
context=a
[video](!)
allow=h264
[1001](base,video)
context=b
`);
    expect(problems).toEqual([]);
    expect(sections.map((s) => [s.name, s.isTemplate])).toEqual([
      ['base', true],
      ['video', true],
      ['1001', false],
    ]);
    const phone = sections[2];
    expect(phone?.options).toEqual([
      ['type', 'endpoint'],
      ['allow', 'ulaw'],
      ['context', 'a'],
      ['allow', 'h264'],
      ['context', 'b'],
    ]);
    expect(phone && optionValue(phone, 'context')).toBe('b');
  });

  it('keeps sections of one name apart, and adds to the first of them with (+), as Asterisk does', () => {
    const { sections } = parseAsteriskConfig('[1001]\ntype=endpoint\n[1001]\ntype=auth\n[1001](+)\ncallerid=<1001>\n');
    expect(sections).toHaveLength(2);
    expect(sections[0]?.options).toEqual([
      ['type', 'endpoint'],
      ['callerid', '<1001>'],
    ]);
    expect(sections[1]?.options).toEqual([['type', 'auth']]);
  });

  it('reads key => value, escaped semicolons, = inside values, and both kinds of comment', () => {
    const { sections, problems } = parseAsteriskConfig(
      ['[a]', 'type => auth', 'password = x\\;y=z ; trailing comment', ';-- a block comment', '[hidden]', 'type=aor --;', 'username=a'].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(sections).toHaveLength(1);
    expect(sections[0]?.options).toEqual([
      ['type', 'auth'],
      ['password', 'x;y=z'],
      ['username', 'a'],
    ]);
  });

  it('reports with line numbers what it cannot use', () => {
    const { problems } = parseAsteriskConfig('orphan=1\n#include other.conf\n[x](missing)\nnot an option\n[y](+)\n');
    expect(problems).toEqual([
      { line: 1, message: 'Outside any [section]: orphan=1' },
      { line: 2, message: '#include other.conf: included files are not read; import them one by one.' },
      { line: 3, message: '[x] inherits from [missing], which is not defined above it.' },
      { line: 4, message: 'Not an option: not an option' },
      { line: 5, message: '[y](+) adds to a section [y] that does not come before it.' },
    ]);
  });
});
