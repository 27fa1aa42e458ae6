import { describe, it } from "vitest";
import { describeCrashRecovery } from "../../support/crash-recovery-suite.js";
import { DRIVERS } from "../../support/test-databases.js";

if (DRIVERS.includes("mariadb")) describeCrashRecovery("mariadb");
else describe.skip("kill -9 during a sweep on mariadb (set TEST_MYSQL_URL)", () => it("needs MariaDB", () => undefined));
