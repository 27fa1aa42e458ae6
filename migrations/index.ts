import { InitialSchema1732000000000 } from "./1732000000000-initial-schema.js";
import { ReminderPreferences1732000002000 } from "./1732000002000-reminder-preferences.js";
import { ReminderNextDue1732000003000 } from "./1732000003000-reminder-next-due.js";
import { ContractRenewalIndex1732000004000 } from "./1732000004000-contract-renewal-index.js";
import { DropDeliveryStatusIndex1732000005000 } from "./1732000005000-drop-delivery-status-index.js";

/** Every migration, in order. Imported as classes (not globbed) so the same list works under tsx, vitest and dist. */
export const MIGRATIONS = [InitialSchema1732000000000, ReminderPreferences1732000002000, ReminderNextDue1732000003000, ContractRenewalIndex1732000004000, DropDeliveryStatusIndex1732000005000];
