// Folding ranges from the text alone: `{ … }` blocks, `/* … */` comments, runs of `///` doc
// comments, and `// region` … `// endregion` markers. VS Code ignores the folding markers of
// language-configuration.json as soon as a language server provides folding ranges, so the
// extension provides these itself; VS Code merges them with the server's.
//
// Braces and comment markers inside strings do not count. A Flow string ends at the end of its
// line (LANGUAGE.md §7.12) and may hold `{expr}` interpolations with strings of their own.

export type FoldKind = 'comment' | 'region';

/** Lines are 0-based; `end` is the last line that folds away. */
export interface FoldRange {
  start: number;
  end: number;
  kind?: FoldKind;
}

const REGION_START = /^\s*\/\/\s*#?region\b/;
const REGION_END = /^\s*\/\/\s*#?endregion\b/;

export function computeFoldingRanges(text: string): FoldRange[] {
  const lines = text.split(/\r\n|\r|\n/);
  const ranges: FoldRange[] = [];
  const braces: number[] = [];
  const regions: number[] = [];
  let blockCommentStart: number | undefined;
  let docStart: number | undefined;

  const closeDocRun = (line: number) => {
    if (docStart !== undefined && line - 1 > docStart) {
      ranges.push({ start: docStart, end: line - 1, kind: 'comment' });
    }
    docStart = undefined;
  };

  lines.forEach((line, lineNumber) => {
    let i = 0;
    if (blockCommentStart !== undefined) {
      const close = line.indexOf('*/');
      if (close < 0) {
        return;
      }
      if (lineNumber > blockCommentStart) {
        ranges.push({ start: blockCommentStart, end: lineNumber, kind: 'comment' });
      }
      blockCommentStart = undefined;
      i = close + 2;
    }

    if (/^\s*\/\/\//.test(line)) {
      if (docStart === undefined) {
        docStart = lineNumber;
      }
    } else {
      closeDocRun(lineNumber);
    }
    if (REGION_START.test(line)) {
      regions.push(lineNumber);
    } else if (REGION_END.test(line)) {
      const start = regions.pop();
      if (start !== undefined && lineNumber > start) {
        ranges.push({ start, end: lineNumber, kind: 'region' });
      }
    }

    while (i < line.length) {
      const c = line[i];
      if (c === '/' && line[i + 1] === '/') {
        break;
      }
      if (c === '/' && line[i + 1] === '*') {
        const close = line.indexOf('*/', i + 2);
        if (close < 0) {
          blockCommentStart = lineNumber;
          break;
        }
        i = close + 2;
        continue;
      }
      if (c === '"') {
        i = skipString(line, i + 1);
        continue;
      }
      if (c === '{') {
        braces.push(lineNumber);
      } else if (c === '}') {
        const start = braces.pop();
        // The line with the closing brace stays visible (it may hold `} else {`).
        if (start !== undefined && lineNumber - 1 > start) {
          ranges.push({ start, end: lineNumber - 1 });
        }
      }
      i++;
    }
  });
  closeDocRun(lines.length);

  return ranges.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** From just after an opening quote: the index after the closing quote, or the line's end. */
function skipString(line: string, from: number): number {
  let i = from;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      i += 2;
    } else if (c === '"') {
      return i + 1;
    } else if (c === '{') {
      i = skipInterpolation(line, i + 1);
    } else {
      i++;
    }
  }
  return line.length;
}

/** From just after the `{` of an interpolation: the index after its `}`, or the line's end. */
function skipInterpolation(line: string, from: number): number {
  let i = from;
  let depth = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '"') {
      i = skipString(line, i + 1);
      continue;
    }
    if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) {
        return i + 1;
      }
      depth--;
    }
    i++;
  }
  return line.length;
}
