import { chromium, type Browser } from 'playwright-core';

/** The flags every browser test runs Debian's chromium with: headless, no sandbox, no background traffic. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

/** Debian's chromium (or CHROMIUM_PATH), headless, with the shared flags and any `extra` ones. */
export function launchChromium(extra: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [...FLAGS, ...extra],
  });
}
