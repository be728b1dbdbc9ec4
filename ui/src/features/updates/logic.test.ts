import { describe, expect, it } from "vitest";
import { downloadPercent, formatBytes, plainNotes } from "./logic";

describe("install progress", () => {
  it("is a percent while downloading with a known size", () => {
    expect(downloadPercent({ stage: "downloading", received: 512, total: 2048 })).toBe(25);
    expect(downloadPercent({ stage: "downloading", received: 4096, total: 2048 })).toBe(100);
  });

  it("has no percent without a size or after the download", () => {
    expect(downloadPercent({ stage: "downloading", received: 10, total: null })).toBeNull();
    expect(downloadPercent({ stage: "verified" })).toBeNull();
    expect(downloadPercent(null)).toBeNull();
  });

  it("sizes read as B, KB and MB", () => {
    expect(formatBytes(900)).toBe("900 B");
    expect(formatBytes(200 * 1024)).toBe("200 KB");
    expect(formatBytes(7.25 * 1024 * 1024)).toBe("7.3 MB");
  });
});

describe("release notes", () => {
  it("read as plain text: no Markdown marks, bullets kept", () => {
    const md = "### 新功能\r\n\r\n- **自动更新**：设置 → 关于\n* 修复 `导入` 卡住\n\n\n\nThanks";
    expect(plainNotes(md)).toBe("新功能\n\n• 自动更新：设置 → 关于\n• 修复 导入 卡住\n\nThanks");
  });

  it("never turn into markup", () => {
    expect(plainNotes("<img src=x onerror=alert(1)>")).toBe("<img src=x onerror=alert(1)>");
    expect(plainNotes(null)).toBe("");
  });
});
