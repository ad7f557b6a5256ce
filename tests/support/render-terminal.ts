/**
 * What a terminal shows after `text` is written to it, one string per screen line: `\r` returns to
 * the start of the line, `ESC[2K` clears it, `\n` starts the next one, anything else is drawn
 * over what the line already shows (other escape sequences are dropped).
 */
export function renderTerminal(text: string): string[] {
  const lines: string[][] = [[]];
  let col = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const line = lines[lines.length - 1]!;
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      lines.push([]);
      col = 0;
    } else if (ch === '\x1b') {
      const match = /^\x1b\[(\d*)([A-Za-z])/.exec(text.slice(i));
      if (match) {
        if (match[2] === 'K' && match[1] === '2') line.length = 0;
        i += match[0].length - 1;
      }
    } else {
      line[col++] = ch;
    }
  }
  return lines.map((l) => Array.from(l, (c) => c ?? ' ').join(''));
}
