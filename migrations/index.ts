import { InitialSchema1732000000000 } from "./1732000000000-initial-schema.js";
import { ReminderPreferences1732000002000 } from "./1732000002000-reminder-preferences.js";

/** Every migration, in order. Imported as classes (not globbed) so the same list works under tsx, vitest and dist. */
export const MIGRATIONS = [InitialSchema1732000000000, ReminderPreferences1732000002000];
