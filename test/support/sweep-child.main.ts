/**
 * One steward process that runs a single reminder sweep and exits: the production wiring (config from the
 * environment, the real DingTalk clients and messenger), as of STEWARD_SWEEP_NOW. Crash tests kill it with SIGKILL
 * at random instants. It tells its parent "ready" (over IPC) once the database is open, and "done" after the sweep.
 */
import { loadConfig } from "../../src/config/index.js";
import { openDatabase } from "../../src/db/data-source.js";
import { FixedClock } from "../../src/lib/clock.js";
import { silentLogger } from "../../src/lib/logger.js";
import { createServices } from "../../src/services/create-services.js";

const config = loadConfig(process.env);
const ds = await openDatabase(config.database);
const clock = new FixedClock(new Date(process.env.STEWARD_SWEEP_NOW ?? ""));
const services = createServices({ ds, clock, log: silentLogger, config });
process.send?.("ready");
const report = await services.runReminderSweep({ now: clock.now() });
process.send?.({ done: { sent: report.sent, taken: report.taken, failed: report.failed } });
await ds.destroy();
process.exit(0);
