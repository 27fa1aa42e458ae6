import { describe, expect, it } from "vitest";
import type { DeadlineState } from "../../../src/domain/contract-timeline.js";
import { wantedTodos } from "../../../src/domain/deadline-todos.js";

const deadline = (dueOn: string, status: DeadlineState["status"]) => ({ dueOn, status }) as DeadlineState;
const timeline = { endsOn: "2025-10-01", payment: deadline("2025-09-10", "overdue"), invoice: deadline("2025-12-01", "pending") };

describe("which deadline to-dos a contract should have", () => {
  it("opens the deadlines within leadDays (urgent within 7 days or overdue), leaves later ones out", () => {
    const w = wantedTodos({ contractId: 7, status: "active", timeline }, "2025-09-24", 30);
    expect(w.map((x) => [x.deadline, x.sourceId, x.state, x.priority])).toEqual([
      ["renewal", "steward-7-renewal-2025-10-01", "open", 40],
      ["payment", "steward-7-payment-2025-09-10", "open", 40],
    ]);
    expect(wantedTodos({ contractId: 7, status: "active", timeline }, "2025-09-01", 30).find((x) => x.deadline === "renewal")?.priority).toBe(30);
    expect(wantedTodos({ contractId: 7, status: "active", timeline }, "2025-09-24", 0).map((x) => x.deadline)).toEqual(["payment"]); // overdue
  });

  it("marks met deadlines done and every to-do of a terminated contract gone, whatever the date", () => {
    const met = { ...timeline, payment: deadline("2025-09-10", "met") };
    expect(wantedTodos({ contractId: 7, status: "renewed", timeline: met }, "2025-09-24", 30).map((x) => [x.deadline, x.state])).toEqual([
      ["renewal", "done"], ["payment", "done"],
    ]);
    expect(wantedTodos({ contractId: 7, status: "terminated", timeline }, "2025-01-01", 30).map((x) => x.state)).toEqual(["gone", "gone", "gone"]);
  });

  it("has no to-do for a deadline whose date is unknown", () => {
    expect(wantedTodos({ contractId: 7, status: "active", timeline: { endsOn: null, payment: null, invoice: null } }, "2025-09-24", 30)).toEqual([]);
  });
});
