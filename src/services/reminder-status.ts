/**
 * What the reminder sender reports to operators: the DingTalk monthly-quota pause (90020 / ApiCountLimitForOrg) and
 * rejected credentials, raised once in the log and shown in /readyz detail, plus the last sweep's figures.
 */
import type { DingTalkAlert } from "../dingtalk/call-policy.js";
import type { Clock } from "../lib/clock.js";
import type { Logger } from "../lib/logger.js";
import type { ReadinessSource } from "./health.service.js";
import type { Messenger } from "./messenger.js";

/** Figures of one sweep. */
export interface SweepFigures {
  at: string;
  due: number;
  sent: number;
  failed: number;
  skipped: number;
  messages: number;
}

/**
 * Readiness source "reminders". Stays `ok` while metered sends are paused (the API, page and bot still work and the
 * sends resume by themselves), but says so in the detail; `ok: false` while DingTalk rejects the credentials (until a
 * later sweep sends again).
 */
export class ReminderSenderStatus implements ReadinessSource {
  readonly name = "reminders";
  private pause: { until: Date; code: string } | null = null;
  private authFailure: { api: string; code: string; at: Date } | null = null;
  private last: SweepFigures | null = null;
  private messenger: Messenger | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** The messenger whose quota pause to report. */
  watch(messenger: Messenger): void {
    this.messenger = messenger;
  }

  /** Hook for the DingTalk call policy's alerts (pass as `onAlert`). */
  onAlert = (a: DingTalkAlert): void => {
    if (a.kind === "quota_exhausted") {
      this.pause = { until: a.blockedUntil, code: a.code };
      this.log.error({ api: a.api, code: a.code, until: a.blockedUntil.toISOString() }, "DingTalk monthly API quota used up: reminders and other metered sends are paused until the quota resets");
    } else {
      this.authFailure = { api: a.api, code: a.code, at: this.clock.now() };
      this.log.error({ api: a.api, code: a.code }, "DingTalk rejected the app credentials even after a token refresh; check DINGTALK_CLIENT_ID/SECRET");
    }
  };

  /** Records that a sweep met the quota pause (when the policy raised it before this status was wired). */
  notePause(until: Date, code: string): void {
    if (!this.pause || this.pause.until.getTime() !== until.getTime()) this.onAlert({ kind: "quota_exhausted", api: "reminders", code, blockedUntil: until });
  }

  /** Records the figures of a finished sweep. */
  recordSweep(f: SweepFigures): void {
    this.last = f;
    if (f.sent > 0) this.authFailure = null;
  }

  /** When metered sends are paused, until when; else null. */
  pausedUntil(): Date | null {
    const now = this.clock.now().getTime();
    const fromMessenger = this.messenger?.pausedUntil() ?? null;
    const own = this.pause && this.pause.until.getTime() > now ? this.pause.until : null;
    return fromMessenger ?? own;
  }

  check(): { ok: boolean; detail: Record<string, unknown> } {
    const until = this.pausedUntil();
    return {
      ok: this.authFailure === null,
      detail: {
        meteredSendsPaused: until !== null,
        ...(until ? { pausedUntil: until.toISOString(), reason: `DingTalk monthly API quota used up (${this.pause?.code ?? "90020"})` } : {}),
        ...(this.authFailure ? { authFailure: { api: this.authFailure.api, code: this.authFailure.code, at: this.authFailure.at.toISOString() } } : {}),
        lastSweep: this.last,
      },
    };
  }
}
