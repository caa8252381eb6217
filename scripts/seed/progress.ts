/** A progress bar on stderr: redrawn in place on a terminal, a line every tenth otherwise (logs, CI). */
export function progressBar(label: string, total: number): { tick: (by?: number) => void; done: (note?: string) => void } {
  const width = 30;
  const terminal = process.stderr.isTTY;
  let count = 0;
  let lastTenth = -1;
  const draw = () => {
    const filled = total === 0 ? width : Math.round((count / total) * width);
    const line = `  ${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}/${total}`;
    if (terminal) process.stderr.write(`\r${line}`);
    else {
      const tenth = total === 0 ? 10 : Math.floor((count / total) * 10);
      if (tenth !== lastTenth) process.stderr.write(`${line}\n`);
      lastTenth = tenth;
    }
  };
  draw();
  return {
    tick(by = 1) {
      count += by;
      draw();
    },
    done(note) {
      count = total;
      draw();
      process.stderr.write(`${terminal ? '\n' : ''}${note ? `  ${note}\n` : ''}`);
    },
  };
}
