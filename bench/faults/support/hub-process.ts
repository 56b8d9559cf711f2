// One hub process for the fault suites, configured entirely by its environment (DATABASE_URL,
// PORT, NDXP_HUB_ISSUER...). It reports its URL to the parent over IPC, and stops on SIGTERM; the
// suites also kill it with SIGKILL.
import { startHub } from '@ndxp/hub';

const hub = await startHub(process.env);
process.send?.({ ready: hub.url, pid: process.pid });
