import { AppError } from "../lib/app-error.js";

/** A robot message for the v1.0 robot APIs: `msgKey` template plus its `msgParam` fields (sent as a JSON string). */
export type RobotMsg =
  | { msgKey: "sampleText"; msgParam: { content: string } }
  | { msgKey: "sampleMarkdown"; msgParam: { title: string; text: string } }
  | { msgKey: "sampleLink"; msgParam: { title: string; text: string; picUrl: string; messageUrl: string } }
  | { msgKey: "sampleActionCard"; msgParam: { title: string; text: string; singleTitle: string; singleURL: string } }
  | {
      msgKey: "sampleActionCard2" | "sampleActionCard3" | "sampleActionCard4" | "sampleActionCard5" | "sampleActionCard6";
      msgParam: { title: string; text: string } & Record<string, string>;
    };

/** One button of an action card. */
export interface CardButton {
  title: string;
  url: string;
}

/** Maximum `msgParam` size DingTalk accepts for group sends (bytes, UTF-8). */
export const MAX_MSG_PARAM_BYTES = 15_000;

/** Builders for the message templates the steward uses. */
export const robotMsg = {
  /** Plain text. */
  text: (content: string): RobotMsg => ({ msgKey: "sampleText", msgParam: { content } }),
  /** Markdown (DingTalk's subset); `title` is what notifications and the chat list show. */
  markdown: (title: string, text: string): RobotMsg => ({ msgKey: "sampleMarkdown", msgParam: { title, text } }),
  /** Action card with one full-width button. */
  actionCard: (title: string, text: string, button: CardButton): RobotMsg => ({
    msgKey: "sampleActionCard",
    msgParam: { title, text, singleTitle: button.title, singleURL: button.url },
  }),
  /** Action card with 2–5 buttons (vertical); exactly 2 with `horizontal` gives side-by-side buttons. */
  actionCardButtons(title: string, text: string, buttons: CardButton[], horizontal = false): RobotMsg {
    if (buttons.length < 2 || buttons.length > 5) {
      throw new AppError("invalid_input", `An action card takes 2 to 5 buttons, got ${buttons.length}. Use actionCard() for one.`);
    }
    const param: { title: string; text: string } & Record<string, string> = { title, text };
    if (horizontal && buttons.length === 2) {
      buttons.forEach((b, i) => Object.assign(param, { [`buttonTitle${i + 1}`]: b.title, [`buttonUrl${i + 1}`]: b.url }));
      return { msgKey: "sampleActionCard6", msgParam: param };
    }
    buttons.forEach((b, i) => Object.assign(param, { [`actionTitle${i + 1}`]: b.title, [`actionURL${i + 1}`]: b.url }));
    const key = `sampleActionCard${buttons.length}` as "sampleActionCard2";
    return { msgKey: key, msgParam: param };
  },
};

/** Serialises `msgParam` and rejects oversize messages before they cost an API call. */
export function encodeMsgParam(msg: RobotMsg): string {
  const json = JSON.stringify(msg.msgParam);
  const bytes = Buffer.byteLength(json, "utf8");
  if (bytes > MAX_MSG_PARAM_BYTES) {
    throw new AppError(
      "invalid_input",
      `The ${msg.msgKey} message is ${bytes} bytes; DingTalk accepts at most ${MAX_MSG_PARAM_BYTES}. Shorten the text or split it.`,
    );
  }
  return json;
}
