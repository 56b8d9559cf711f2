/** Print an API answer as indented JSON (stable, pipe-friendly: `ndxp grant list | jq`). */
export function print(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}
