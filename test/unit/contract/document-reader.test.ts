import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import { readDocument, MAX_FILE_BYTES } from "../../../src/contract/document-reader.js";
import { parseContract } from "../../../src/contract/contract-parser.js";
import { parseContractFile } from "../../../src/contract/index.js";
import { isAppError, type AppError } from "../../../src/lib/app-error.js";
import { fixtureBytes, fixtureText } from "./fixture-files.js";

async function refusal(bytes: Uint8Array, name?: string): Promise<AppError> {
  try {
    await readDocument(bytes, name);
  } catch (err) {
    if (isAppError(err)) return err;
    throw err;
  }
  throw new Error("expected a refusal");
}

const key = (text: string) => {
  const d = parseContract(text);
  return {
    format: d.format, customer: d.customer, vendors: d.vendors, amount: d.amount, termMonths: d.termMonths, signedOn: d.signedOn,
    deadlines: d.deadlines, codes: d.entitlements.map((e) => e.code), quotas: d.entitlements.flatMap((e) => e.quotas),
  };
};

describe("readDocument: supported types, detected from content", () => {
  it("reads UTF-8 text", async () => {
    const r = await readDocument(fixtureBytes("direct-basic.txt"), "a.txt");
    expect(r).toMatchObject({ kind: "text", encoding: "utf-8" });
    expect(r.text).toContain("示例科技（杭州）有限公司");
    expect(r.text).not.toContain("第 1 页 共 4 页");
  });
  it("reads UTF-8 with BOM and CRLF line ends", async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixtureText("reseller-basic.txt").replace(/\n/g, "\r\n"))]);
    const r = await readDocument(bom);
    expect(r.encoding).toBe("utf-8");
    expect(r.text.startsWith("钉钉专业版销售与服务协议")).toBe(true);
    expect(r.text).not.toContain("\r");
  });
  it("reads UTF-16LE with BOM", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixtureText("reseller-pipe.txt"), "utf16le")]);
    expect((await readDocument(utf16)).encoding).toBe("utf-16le");
  });
  it("reads GBK text to the same document as UTF-8", async () => {
    const r = await readDocument(fixtureBytes("direct-basic.gbk.txt"), "gbk.txt");
    expect(r).toMatchObject({ kind: "text", encoding: "gb18030" });
    expect(key(r.text)).toEqual(key(fixtureText("direct-basic.txt")));
  });
  it("reads GBK text generated on the fly", async () => {
    const r = await readDocument(iconv.encode(fixtureText("reseller-no-annex.txt"), "gbk"));
    expect(key(r.text)).toEqual(key(fixtureText("reseller-no-annex.txt")));
  });
  it.each([["direct-basic.pdf", "direct-basic.source.txt"], ["reseller-basic.pdf", "reseller-basic.txt"]])(
    "reads %s (CJK text, drawn annex table) to the same document as its text", async (pdf, txt) => {
      const r = await readDocument(fixtureBytes(pdf), pdf);
      expect(r.kind).toBe("pdf");
      expect(r.pages).toBeGreaterThan(1);
      expect(r.text).not.toMatch(/第 \d+ 页 共 \d+ 页/);
      expect(key(r.text)).toEqual(key(fixtureText(txt)));
    },
  );
  it.each([["direct-basic.docx", "direct-basic.source.txt"], ["reseller-basic.docx", "reseller-basic.txt"]])(
    "reads %s (Word table) to the same document as its text", async (docx, txt) => {
      const r = await readDocument(fixtureBytes(docx), docx);
      expect(r.kind).toBe("docx");
      expect(r.text).toMatch(/产品类别\t产品名称\t产品内容\t产品规格/);
      expect(key(r.text)).toEqual(key(fixtureText(txt)));
    },
  );
  it("ignores a misleading extension (text named .pdf)", async () => {
    expect((await readDocument(fixtureBytes("reseller-pipe.txt"), "contract.pdf")).kind).toBe("text");
  });
  it("parseContractFile returns the document, its text and the kind", async () => {
    const r = await parseContractFile(fixtureBytes("reseller-basic.docx"), "r.docx");
    expect(r.kind).toBe("docx");
    expect(r.document.amount?.fen).toBe(2646000);
    expect(r.text).toContain("附件一");
  });
});

describe("readDocument: refusals with a code and a message that says what to do", () => {
  it.each([
    ["empty.txt", "invalid_input", '"empty.txt" is empty; choose the contract file (PDF, DOCX or text) and upload it again.'],
    ["encrypted.pdf", "unsupported_file", '"encrypted.pdf" is an encrypted (password-protected) PDF; remove the password (print or export it to a new PDF) and upload again.'],
    ["scanned.pdf", "unsupported_file", '"scanned.pdf" is a scanned PDF (no text layer); OCR is not supported, paste the text or export a text PDF.'],
    ["image-renamed.pdf", "unsupported_file", '"image-renamed.pdf" is a PNG image; OCR is not supported, paste the text or export a text PDF.'],
    ["archive-renamed.pdf", "unsupported_file", '"archive-renamed.pdf" is a ZIP archive, not a contract document; upload the contract itself as PDF, DOCX or text.'],
    ["page.html", "unsupported_file", '"page.html" is an HTML page, not a contract document; open it in a browser and print it to PDF, or paste the contract text.'],
    ["garbage.bin", "unsupported_file", '"garbage.bin" is not text in UTF-8 or GBK/GB18030 (nor a PDF or DOCX); save the contract as UTF-8 text, PDF or DOCX.'],
  ])("%s → %s", async (file, code, message) => {
    const err = await refusal(fixtureBytes(file), file);
    expect(err.code).toBe(code);
    expect(err.message).toBe(message);
  });

  it.each([
    ["JPEG", [0xff, 0xd8, 0xff, 0xe0, 0, 0x10], "is a JPEG image"],
    ["GIF", [...Buffer.from("GIF89a"), 1, 0], "is a GIF image"],
    ["legacy .doc", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0], "is a legacy Office file (.doc/.xls); save it as DOCX or PDF"],
    ["RTF", [...Buffer.from("{\\rtf1\\ansi hello}")], "is an RTF file"],
    ["NUL bytes", [...Buffer.from("甲方：A\u0000\u0000乙方", "utf8")], "is binary data"],
  ])("refuses %s", async (_name, bytes, fragment) => {
    const err = await refusal(Uint8Array.from(bytes as number[]));
    expect(err.code).toBe("unsupported_file");
    expect(err.message).toContain(fragment);
    expect(err.message.startsWith("The file ")).toBe(true);
  });

  it("refuses a damaged PDF", async () => {
    const err = await refusal(Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage"), "bad.pdf");
    expect(err.code).toBe("unsupported_file");
    expect(err.message).toMatch(/^"bad\.pdf" looks like a PDF but/);
  });
  it("refuses a damaged DOCX", async () => {
    const docx = fixtureBytes("reseller-basic.docx");
    const err = await refusal(docx.subarray(0, 2000), "cut.docx");
    expect(err.code).toBe("unsupported_file");
    expect(err.message).toContain("looks like a DOCX but cannot be read");
  });
  it("refuses a file over 10 MB before reading it", async () => {
    const err = await refusal(new Uint8Array(MAX_FILE_BYTES + 1), "big.pdf");
    expect(err.code).toBe("file_too_large");
    expect(err.message).toBe('"big.pdf" is 10.0 MB; the limit is 10 MB. Upload the contract without scans or attachments.');
  });
  it("refuses whitespace-only text", async () => {
    const err = await refusal(Buffer.from(" \r\n\t \n"));
    expect(err.code).toBe("invalid_input");
    expect(err.message).toBe("The file has no text; upload the contract file (PDF, DOCX or text).");
  });
  it("refuses something that is not bytes", async () => {
    const err = await refusal("text" as unknown as Uint8Array);
    expect(err.code).toBe("invalid_input");
  });
});
