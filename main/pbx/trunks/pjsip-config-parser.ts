/**
 * Reads Asterisk's configuration format as res_pjsip uses it (main/config.c):
 * `[name]` sections, `[name](!)` templates, `[name](tpl1,tpl2)` inheritance
 * (the templates' options first, then the section's own), `[name](+)` to add
 * to an earlier section; like ast_category_get(), both look up the first
 * section of that name, `key=value` and `key => value`, `;` comments (`\;`
 * is a literal semicolon) and `;-- … --;` block comments. The same name may
 * head several sections of different `type=`.
 */

export interface ConfigSection {
  name: string;
  /** 1-based line of the header, for messages. */
  line: number;
  /** Declared with `!`: a template only, never an object of its own. */
  isTemplate: boolean;
  /** In order, inherited options first; a key may repeat (allow=ulaw, allow=alaw). */
  options: [key: string, value: string][];
}

export interface ConfigProblem {
  line: number;
  message: string;
}

export interface ParsedConfig {
  sections: ConfigSection[];
  /** Lines we could not use: #include, text outside a section, unknown templates. */
  problems: ConfigProblem[];
}

/** The last value of a key, as Asterisk keeps for single-valued options. */
export function optionValue(section: ConfigSection, key: string): string | undefined {
  for (let i = section.options.length - 1; i >= 0; i--) {
    const [k, v] = section.options[i] as [string, string];
    if (k === key) return v;
  }
  return undefined;
}

/** Strips a `;` comment, keeping escaped `\;` as a literal semicolon. */
function stripComment(line: string): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\' && line[i + 1] === ';') {
      out += ';';
      i++;
    } else if (c === ';') break;
    else out += c;
  }
  return out.trim();
}

/** Removes `;-- … --;` block comments, which may span lines; line numbers stay as they were. */
function withoutBlockComments(text: string): string {
  return text.replace(/;--[\s\S]*?--;/g, (comment) => comment.replace(/[^\n]/g, ''));
}

export function parseAsteriskConfig(text: string): ParsedConfig {
  const sections: ConfigSection[] = [];
  const problems: ConfigProblem[] = [];
  let current: ConfigSection | undefined;

  for (const [index, raw] of withoutBlockComments(text).split(/\r?\n/).entries()) {
    const lineNumber = index + 1;
    if (raw.trimStart().startsWith('#')) {
      problems.push({ line: lineNumber, message: `${raw.trim()}: included files are not read; import them one by one.` });
      continue;
    }
    const line = stripComment(raw);
    if (line === '') continue;

    const header = /^\[([^\]]+)\]\s*(?:\(([^)]*)\))?$/.exec(line);
    if (header) {
      const name = (header[1] as string).trim();
      const flags = (header[2] ?? '').split(',').map((f) => f.trim()).filter((f) => f !== '');
      if (flags.includes('+')) {
        const earlier = sections.find((s) => s.name === name);
        if (earlier) {
          current = earlier;
          continue;
        }
        problems.push({ line: lineNumber, message: `[${name}](+) adds to a section [${name}] that does not come before it.` });
      }
      const options: [string, string][] = [];
      for (const template of flags.filter((f) => f !== '!' && f !== '+')) {
        const source = sections.find((s) => s.name === template);
        if (source) options.push(...source.options);
        else problems.push({ line: lineNumber, message: `[${name}] inherits from [${template}], which is not defined above it.` });
      }
      current = { name, line: lineNumber, isTemplate: flags.includes('!'), options };
      sections.push(current);
      continue;
    }

    const assignment = /^([^=]+?)\s*=>?\s*(.*)$/.exec(line);
    if (!assignment || !current) {
      problems.push({ line: lineNumber, message: current ? `Not an option: ${line}` : `Outside any [section]: ${line}` });
      continue;
    }
    current.options.push([assignment[1] as string, assignment[2] as string]);
  }
  return { sections, problems };
}
