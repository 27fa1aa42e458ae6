import { AuditEventEntity } from "./audit-event.entity.js";
import { ClauseEntity } from "./clause.entity.js";
import { ContractEntity } from "./contract.entity.js";
import { EntitlementEntity } from "./entitlement.entity.js";
import { JobRunEntity } from "./job-run.entity.js";
import { OrgEntity } from "./org.entity.js";
import { OutboxEntity } from "./outbox.entity.js";
import { ProcessedMessageEntity } from "./processed-message.entity.js";
import { QuotaEntity } from "./quota.entity.js";
import { ReminderDeliveryEntity } from "./reminder-delivery.entity.js";
import { ReminderNextDueEntity } from "./reminder-next-due.entity.js";
import { ReminderStateEntity } from "./reminder-state.entity.js";
import { ReminderSubscriptionEntity } from "./reminder-subscription.entity.js";
import { UsageRecordEntity } from "./usage-record.entity.js";

/** Every entity the DataSource maps; migrations must create exactly these tables. */
export const ENTITIES = [
  OrgEntity, ContractEntity, EntitlementEntity, QuotaEntity, ClauseEntity, UsageRecordEntity,
  ReminderDeliveryEntity, ProcessedMessageEntity, AuditEventEntity, JobRunEntity, OutboxEntity,
  ReminderSubscriptionEntity, ReminderStateEntity, ReminderNextDueEntity,
];

export {
  AuditEventEntity, ClauseEntity, ContractEntity, EntitlementEntity, JobRunEntity, OrgEntity, OutboxEntity,
  ProcessedMessageEntity, QuotaEntity, ReminderDeliveryEntity, UsageRecordEntity,
  ReminderNextDueEntity, ReminderStateEntity, ReminderSubscriptionEntity,
};
export type { ContractSource } from "./contract.entity.js";
export type { DeliveryStatus } from "./reminder-delivery.entity.js";
