import busboy from "busboy";
import type { Context, Next } from "koa";
import { AppError } from "../../lib/app-error.js";

/** An uploaded file and the form's text fields. */
export interface Upload {
  bytes: Buffer;
  fileName: string;
  fields: Record<string, string>;
}

/** Parses a multipart/form-data body with one `file` field (≤ maxBytes) into `ctx.state.upload`. */
export function multipartUpload(maxBytes: number) {
  return async function parseUpload(ctx: Context, next: Next): Promise<void> {
    if (!ctx.is("multipart/form-data")) throw new AppError("unsupported_file", "Upload the contract as multipart/form-data with a `file` field.");
    ctx.state.upload = await new Promise<Upload>((resolve, reject) => {
      const fields: Record<string, string> = {};
      let file: { bytes: Buffer; fileName: string } | null = null;
      let tooLarge = false;
      const bb = busboy({ headers: ctx.req.headers, limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 } });
      bb.on("file", (name, stream, info) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("limit", () => (tooLarge = true));
        stream.on("close", () => {
          if (name === "file") file = { bytes: Buffer.concat(chunks), fileName: info.filename || "upload" };
        });
      });
      bb.on("field", (name, value) => (fields[name] = value));
      bb.on("error", (err) => reject(new AppError("invalid_input", `The upload could not be read: ${(err as Error).message}.`)));
      bb.on("close", () => {
        if (tooLarge) return reject(new AppError("file_too_large", `The file is larger than ${Math.round(maxBytes / 1048576)} MB; export the contract without images or paste its text.`));
        if (!file) return reject(new AppError("invalid_input", "No file received: send the contract in a form field named `file`."));
        resolve({ ...file, fields });
      });
      ctx.req.pipe(bb);
    });
    await next();
  };
}
