import { Page, TestInfo, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** A4 in PostScript points, as pdfinfo reports it. */
const A4 = { width: 595, height: 842 };
/** pdftoppm's resolution: enough to see a page, small enough to check quickly. */
const DPI = 50;
/** The print stylesheet's side margin (style/main.css `@page`), in pixels at DPI. */
const SIDE_MARGIN_PX = Math.floor((14 / 25.4) * DPI);

export type PrintedPage = { png: PNG; file: string };
export type Printed = { pages: PrintedPage[]; text: string; info: string };

/**
 * Prints the page as Chromium prints it on A4 (print stylesheet, backgrounds), renders each PDF
 * page to a PNG with poppler's pdftoppm, and attaches the PDF and the PNGs to the report.
 */
export async function printToA4(page: Page, testInfo: TestInfo, name: string): Promise<Printed> {
  const pdf = testInfo.outputPath(`${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  await testInfo.attach(`${name}.pdf`, { path: pdf, contentType: 'application/pdf' });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const prefix = testInfo.outputPath(`${name}-page`);
  execFileSync('pdftoppm', ['-r', String(DPI), '-png', pdf, prefix]);
  const dir = testInfo.outputPath();
  const files = readdirSync(dir)
    .filter((f) => f.startsWith(`${name}-page`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
  const pages: PrintedPage[] = [];
  for (const file of files) {
    await testInfo.attach(file.slice(dir.length + 1), { path: file, contentType: 'image/png' });
    pages.push({ png: PNG.sync.read(readFileSync(file)), file });
  }
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return { pages, text, info };
}

function isWhite(png: PNG, x: number, y: number): boolean {
  const i = (png.width * y + x) << 2;
  return png.data[i] > 245 && png.data[i + 1] > 245 && png.data[i + 2] > 245;
}

/** Share of a page's pixels that are not white. */
export function inked(png: PNG): number {
  let n = 0;
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) if (!isWhite(png, x, y)) n++;
  return n / (png.width * png.height);
}

/** Pixels that are not white in the right-hand margin, where nothing should print. */
export function inkInRightMargin(png: PNG): number {
  let n = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = png.width - SIDE_MARGIN_PX + 2; x < png.width; x++) if (!isWhite(png, x, y)) n++;
  }
  return n;
}

/** Every page A4, a sane number of them, none blank, and nothing spilling into the right margin. */
export function expectA4Pages(printed: Printed, maxPages: number) {
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(printed.info);
  expect(size, printed.info).not.toBeNull();
  // Chromium rounds A4 to its own units (595.92 x 842.88); pdfinfo names the paper itself.
  expect(printed.info).toMatch(/Page size:.*\(A4\)/);
  expect(Math.abs(Number(size![1]) - A4.width)).toBeLessThan(2);
  expect(Math.abs(Number(size![2]) - A4.height)).toBeLessThan(2);
  const count = Number(/Pages:\s+(\d+)/.exec(printed.info)?.[1]);
  expect(count).toBeGreaterThanOrEqual(1);
  expect(count).toBeLessThanOrEqual(maxPages);
  expect(printed.pages).toHaveLength(count);
  for (const { png, file } of printed.pages) {
    // 50 dpi A4 is 413 x 585 pixels.
    expect(Math.abs(png.width - Math.round((A4.width / 72) * DPI)), file).toBeLessThanOrEqual(1);
    expect(inked(png), `${file} is blank`).toBeGreaterThan(0.003);
    expect(inkInRightMargin(png), `${file} prints into its right margin (cut off)`).toBe(0);
  }
}
