/**
 * A `TestBackend` over the REAL steward, started in-process (`startSteward`) on SQLite `:memory:` and a random
 * port with a FixedClock: demo mode (no DingTalk credentials), or DingTalk mode against a FakeDingTalk on
 * 127.0.0.1 whose directory has an admin, a staff member, a sub-admin, the boss and a named operator.
 * The seeded contract is synthetic ("today" 2024-04-05, 30 days left, invoice 28 days late).
 */
import { loadConfig } from "../../src/config/index.js";
import type { ContractDocument } from "../../src/domain/contract-document.js";
import { FixedClock } from "../../src/lib/clock.js";
import { silentLogger } from "../../src/lib/logger.js";
import { startSteward, type RunningSteward } from "../../src/main.js";
import { createServices } from "../../src/services/create-services.js";
import { FakeDingTalk } from "../fakes/fake-dingtalk.js";
import { buildContractDocument, seedContract } from "../support/contract-factory.js";

/** A running server under the page tests: where it is, how to expire sessions, how to stop it. */
export interface TestBackend {
  /** Origin, e.g. `http://127.0.0.1:40123`; the page is at `${baseUrl}/mini-app/`. */
  baseUrl: string;
  /** Makes every issued session token invalid, so the next API call answers 401. */
  expireSessions(): void;
  close(): Promise<void>;
}

/** The instant the backend's clock starts at: 10:00 in Shanghai on 2024-04-05. */
export const REAL_NOW = "2024-04-05T02:00:00.000Z";
/** The organization's corpId (DINGTALK_CORP_ID of the fake app, and the seeded org). */
export const REAL_CORP_ID = "dingexamplecorp";
/** The operator token the adapter uses to seed usage through the API (never shown to the page). */
const OPERATOR_TOKEN = "browser-test-operator-token-0001";

/** People in the fake DingTalk directory, by role. `operator` is no DingTalk admin but listed in STEWARD_ADMIN_USERIDS. */
export const PEOPLE = {
  admin: { userid: "manager001", name: "王管理", sysLevel: 1 },
  subAdmin: { userid: "deputy002", name: "赵副管", sysLevel: 2 },
  boss: { userid: "boss003", name: "钱老板", sysLevel: 100 },
  staff: { userid: "staff042", name: "李员工", sysLevel: 0 },
  operator: { userid: "ops007", name: "孙运维", sysLevel: 0 },
} as const;

/** A role in {@link PEOPLE}. */
export type Role = keyof typeof PEOPLE;

/** Usage seeded through `POST /api/v1/usage`: the same figures as the stub fixture. */
export const SEEDED_USAGE = [
  { metric: "phone_conference.minutes", kind: "delta", amount: 1240 },
  { metric: "ding.messages", kind: "delta", amount: 860 },
  { metric: "storage.capacity_gb", kind: "reading", amount: 812 },
  { metric: "data_recovery.uses", kind: "delta", amount: 1 },
] as const;

/** The synthetic contract the adapter seeds: 2023-05-06 → 2024-05-05, ¥9,800, the stub fixture's entitlements. */
export function seededDocument(): ContractDocument {
  const q = (metric: string, limit: number, unit: string, period: "year" | "term" | "none") => ({ metric, limit, unit, period }) as ContractDocument["entitlements"][number]["quotas"][number];
  return buildContractDocument({
    title: "钉钉专业版软件服务合同",
    vendors: [{ name: "杭州示例数字服务有限公司" }],
    entitlements: [
      { code: "phone_conference", name: "电话会议", category: "benefit", description: "企业电话会议时长，每服务年重置，未用完不可顺延。", quotas: [q("phone_conference.minutes", 5000, "minute", "year")] },
      { code: "ding", name: "DING", category: "benefit", description: "基于钉钉的强提醒消息，可通过应用内、短信、电话送达。", quotas: [q("ding.messages", 1000, "message", "year")] },
      { code: "storage", name: "数字资产管理", category: "feature", description: "企业云盘空间。", spec: "1 TB 企业云盘", quotas: [q("storage.capacity_gb", 1024, "gb", "none")] },
      { code: "data_recovery", name: "数据恢复", category: "service", description: "误删数据恢复服务，服务期内 1 次。", quotas: [q("data_recovery.uses", 1, "use", "term")] },
      {
        code: "video_conference", name: "视频会议专业版", category: "feature", description: "高清视频会议，支持多人同时在线。",
        quotas: [q("video_conference.concurrent_meetings", 5, "meeting", "none"), q("video_conference.participants", 100, "person", "none")],
      },
      { code: "custom_workbench", name: "自定义工作台-专业版", category: "feature", description: "按部门配置工作台。", quotas: [] },
      { code: "secure_groups", name: "保密群", category: "feature", description: "防截屏、防转发的群聊。", quotas: [] },
    ],
  });
}

/** How to start the real backend. */
export interface RealBackendOptions {
  /** `demo`: no DingTalk credentials (demo sessions); `dingtalk`: credentials pointing at a FakeDingTalk. */
  mode: "demo" | "dingtalk";
  /**
   * `seeded` (default): the synthetic contract above plus usage and a payment date; `demo-seed`: the server's own
   * demo seed (STEWARD_DEMO_SEED=auto, demo mode only); `none`: an empty database.
   */
  contract?: "seeded" | "demo-seed" | "none";
}

/** The real steward behind a page test, with handles on its clock and the fake DingTalk. */
export interface RealBackend extends TestBackend {
  steward: RunningSteward;
  clock: FixedClock;
  /** The fake DingTalk in `dingtalk` mode, else null. */
  fake: FakeDingTalk | null;
  /** The seeded contract's id (null without one). */
  contractId: number | null;
  /** Mints `n` fresh single-use free-login codes for a person (DingTalk mode only). */
  mintCodes(role: Role, n?: number): string[];
  /** How many times the server exchanged a code with DingTalk (`topapi/v2/user/getuserinfo`). */
  codeExchanges(): number;
}

async function seedFigures(steward: RunningSteward, clock: FixedClock): Promise<number> {
  const contractId = await seedContract(steward.ds, { corpId: REAL_CORP_ID, startsOn: "2023-05-06", doc: seededDocument(), at: clock.now() });
  const config = loadConfig({ DATABASE_URL: "sqlite::memory:" });
  const services = createServices({ ds: steward.ds, clock, log: silentLogger, config });
  await services.updateContractDates({ contractId, actor: "browser-test", dates: { paidOn: "2024-03-01" } });
  for (const u of SEEDED_USAGE) {
    const res = await fetch(`${steward.url}/api/v1/usage`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${OPERATOR_TOKEN}` },
      body: JSON.stringify({ contractId, ...u }),
    });
    if (res.status !== 201) throw new Error(`seeding usage ${u.metric} failed: ${res.status} ${await res.text()}`);
  }
  return contractId;
}

/** Starts the real steward (and, in DingTalk mode, a FakeDingTalk) on 127.0.0.1 with a FixedClock at {@link REAL_NOW}. */
export async function startRealBackend(opts: RealBackendOptions): Promise<RealBackend> {
  const contract = opts.contract ?? "seeded";
  if (contract === "demo-seed" && opts.mode !== "demo") throw new Error("the server's demo seed runs only in demo mode");
  const clock = new FixedClock(REAL_NOW);
  const fake = opts.mode === "dingtalk" ? await FakeDingTalk.start({ apps: [{ corpId: REAL_CORP_ID }] }) : null;
  let steward: RunningSteward | null = null;
  try {
    if (fake) for (const p of Object.values(PEOPLE)) fake.addUser({ ...p });
    const env: Record<string, string> = {
      PORT: "0", HOST: "127.0.0.1", DATABASE_URL: "sqlite::memory:", LOG_LEVEL: "silent",
      STEWARD_DEMO_SEED: contract === "demo-seed" ? "auto" : "off",
      STEWARD_ADMIN_TOKEN: OPERATOR_TOKEN,
      STEWARD_ADMIN_USERIDS: PEOPLE.operator.userid,
      ...(fake ? fake.env() : {}),
    };
    steward = await startSteward(loadConfig(env), { clock, log: silentLogger, scheduler: false });
    const contractId = contract === "seeded" ? await seedFigures(steward, clock) : null;
    const running = steward;
    return {
      baseUrl: running.url,
      steward: running,
      clock,
      fake,
      contractId,
      expireSessions: () => clock.advance(16 * 60_000),
      mintCodes: (role, n = 1) => {
        if (!fake) throw new Error("mintCodes needs the dingtalk mode");
        return Array.from({ length: n }, () => fake.issueAuthCode(PEOPLE[role].userid));
      },
      codeExchanges: () => fake?.requestsFor("oapi.user.getuserinfo").length ?? 0,
      close: async () => {
        await running.stop();
        await fake?.close();
      },
    };
  } catch (err) {
    await steward?.stop();
    await fake?.close();
    throw err;
  }
}
