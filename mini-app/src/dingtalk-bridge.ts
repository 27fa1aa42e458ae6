/**
 * The only importer of dingtalk-jsapi. Deep, named imports keep the bundle small (the package is CJS and
 * self-registers each API as a side effect); never call `dd.ready` (it rejects outside DingTalk).
 */
import "dingtalk-jsapi/platform";
import { getENV } from "dingtalk-jsapi/lib/env";
import { requestAuthCode$ } from "dingtalk-jsapi/api/runtime/permission/requestAuthCode";
import { setTitle$ } from "dingtalk-jsapi/api/biz/navigation/setTitle";

/** What the page needs to know about its container. */
export interface ContainerInfo {
  inDingTalk: boolean;
  platform: string;
  version: string | null;
  /** Container language (`zh-CN`, `en-US`…) or null when unknown. */
  language: string | null;
}

/** Reads the container from dingtalk-jsapi's env (UA, window.name JSON, PC bridge). */
export function detectContainer(): ContainerInfo {
  const env = getENV();
  const platform = String(env.platform);
  const language = typeof env.language === "string" && env.language !== "*" ? env.language : null;
  return {
    inDingTalk: platform !== "notInDingTalk",
    platform,
    version: typeof env.version === "string" ? env.version : null,
    language,
  };
}

/** Asks DingTalk for a single-use free-login code (valid 5 min); needs no dd.config. */
export async function requestAuthCode(corpId: string): Promise<string> {
  const result = await requestAuthCode$({ corpId });
  const loose = result as { code?: unknown; authCode?: unknown };
  const code = typeof loose.code === "string" ? loose.code : loose.authCode;
  if (typeof code !== "string" || code === "") throw new Error("DingTalk returned no auth code");
  return code;
}

/** Sets the container's navigation bar title; failures are harmless and ignored. */
export function setNavTitle(title: string): void {
  setTitle$({ title }).catch(() => undefined);
}
