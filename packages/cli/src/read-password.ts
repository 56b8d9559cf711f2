import { createInterface } from 'node:readline/promises';

/** Prompt for a password without echoing it. */
export async function readPassword(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput?: (s: string) => void };
  let prompted = false;
  output._writeToOutput = (s: string) => {
    if (!prompted) {
      process.stdout.write(s);
      prompted = true;
    }
  };
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
    process.stdout.write('\n');
  }
}
