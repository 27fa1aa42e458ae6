import { describe, expect, it } from "vitest";
import { halfWidthAlnum, isPageNoiseLine, joinPages, normalizeText } from "../../../src/contract/text-normalizer.js";
import { itemsToText, type PdfTextItem } from "../../../src/contract/pdf-text.js";
import { docxHtmlToText } from "../../../src/contract/docx-text.js";

describe("text-normalizer", () => {
  it("normalizes line ends, spaces, widths and blank runs", () => {
    expect(normalizeText("\uFEFF甲方：Ａ公司\r\n\r\n\r\n金额\u00a0１２％\u3000ok  \r乙方\u200b：B\f尾")).toBe("甲方：A公司\n\n金额 12% ok\n乙方：B\n尾");
  });
  it("keeps tabs and Chinese punctuation", () => expect(normalizeText("名称\t（规格）：，")).toBe("名称\t（规格）：，"));
  it.each(["第 2 页 共 5 页", "第3页", "- 3 -", "3/5", "Page 3 of 5", "共5页 第2页"])("drops page number %j", (l) => expect(isPageNoiseLine(l)).toBe(true));
  it.each(["3.1 条款", "第三条", "2024/5"])("keeps %j", (l) => expect(isPageNoiseLine(l)).toBe(false));
  it("converts only digits/letters and a few symbols to half-width", () => expect(halfWidthAlnum("ＡＢ１２％（）：，")).toBe("AB12%（）：，"));
  it("drops running headers and footers repeated on most pages", () => {
    const pages = [1, 2, 3, 4].map((n) => `示例公司合同\n正文${n}\n机密文件`);
    expect(joinPages(pages)).toBe(["正文1", "正文2", "正文3", "正文4"].join("\n\n"));
  });
});

describe("itemsToText (PDF layout)", () => {
  const item = (str: string, x: number, y: number, width = str.length * 10): PdfTextItem => ({ str, x, y, width, height: 10 });
  it("orders runs into lines and marks paragraph gaps", () => {
    expect(itemsToText([item("第二行", 50, 685), item("标题", 50, 700), item("右边", 200, 700), item("新段", 50, 640)])).toBe("标题 右边\n第二行\n\n新段");
  });
  it("rebuilds a product table as tab-separated rows, cells wrapped over lines kept together", () => {
    const text = itemsToText([
      item("产品类别", 50, 700), item("产品名称", 110, 700), item("产品内容", 220, 700), item("产品规格", 440, 700),
      item("视频会议专业", 114, 677), item("基于钉钉产品进行", 224, 677), item("功能类", 54, 670), item("5个100方", 444, 670),
      item("版", 114, 662), item("高清视频会议服务", 224, 662),
      item("DING", 114, 639), item("消息提醒", 224, 639), item("1000条/年", 444, 639),
      item("具体服务规格、权益内容以页面为准，这是一段很长的正文。", 50, 600, 400),
    ]);
    expect(text).toBe("产品类别\t产品名称\t产品内容\t产品规格\n功能类\t视频会议专业版\t基于钉钉产品进行高清视频会议服务\t5个100方\n\tDING\t消息提醒\t1000条/年\n\n具体服务规格、权益内容以页面为准，这是一段很长的正文。");
  });
});

describe("docxHtmlToText", () => {
  it("turns paragraphs into lines and table rows into tab-separated lines", () => {
    const html = "<h1>合同</h1><p>甲方：A &amp; B</p><table><tr><td><p>产品名称</p></td><td><p>产品规格</p></td></tr><tr><td><p>DING</p></td><td><p>1000条/</p><p>年</p></td></tr></table><p>尾&#x4E00;</p>";
    expect(docxHtmlToText(html)).toBe("合同\n甲方：A & B\n产品名称\t产品规格\nDING\t1000条/年\n\n尾一");
  });
});
