import { defineConfig, type Plugin } from "vite";

const root = decodeURIComponent(new URL(".", import.meta.url).pathname);

/**
 * Two parts of dingtalk-jsapi the page never uses, replaced at build time to stay under the 35 KB gzip budget:
 * the old→new API-name table (read only by `dd.config`/`checkJsApi` jsApiList mapping) and the Promise polyfill
 * (every DingTalk WebView has Promise). test/browser asserts the login path still works with them stubbed.
 */
const STUBS: [RegExp, string][] = [
  [/dingtalk-jsapi[\\/]constant[\\/]apiMapping\.js$/, '"use strict";Object.defineProperty(exports,"__esModule",{value:!0});exports.default={};'],
  [/promise-polyfill[\\/]dist[\\/]polyfill\.js$/, "export {};"],
];

function trimDingTalkJsapi(): Plugin {
  return {
    name: "trim-dingtalk-jsapi",
    enforce: "pre",
    load(id) {
      const stub = STUBS.find(([pattern]) => pattern.test(id));
      return stub ? stub[1] : null;
    },
  };
}

/** Build of the DingTalk H5 micro-app: served by Koa at /mini-app/, output in mini-app/dist. */
export default defineConfig({
  root,
  base: "/mini-app/",
  plugins: [trimDingTalkJsapi()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2020",
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    proxy: { "/api": { target: "http://127.0.0.1:3000", changeOrigin: false } },
  },
});
