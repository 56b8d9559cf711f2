// One hub process for benchmarks: configured entirely by environment (DATABASE_URL, PORT, …).
import { startHub } from '@ndxp/hub';

const hub = await startHub(process.env);
process.send?.({ ready: hub.url });
