import { describeCrashRecovery } from "../../support/crash-recovery-suite.js";

describeCrashRecovery("sqlite");
