/** The ```ts blocks of a markdown file, with the line each starts on. */
export function tsBlocks(markdown: string): { code: string; line: number }[] {
  const blocks: { code: string; line: number }[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (/^```(ts|typescript)\s*$/.test(lines[i])) {
      const start = i + 1;
      let end = start;
      while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
      blocks.push({ code: lines.slice(start, end).join('\n'), line: start + 1 });
      i = end;
    }
  }
  return blocks;
}
