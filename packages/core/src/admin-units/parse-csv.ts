/**
 * Minimal CSV reader for the bundled administrative-unit files: comma-separated, header row, no
 * quoted fields (the files contain none; a quote is rejected rather than mis-read), LF or CRLF.
 */
export function parseSimpleCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line, i) => {
    if (line.includes('"')) throw new Error(`line ${i + 2}: quoted CSV fields are not supported`);
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`line ${i + 2}: expected ${header.length} cells, got ${cells.length}`);
    return Object.fromEntries(header.map((h, j) => [h, cells[j] ?? '']));
  });
}
