/**
 * The `Sitemap:` lines of a robots.txt (RFC 9309 §2.3.5: independent of user-agent groups), made
 * absolute against the robots.txt URL, each once, in file order. Comments and other lines are ignored.
 */
export function sitemapsFromRobots(text: string, robotsUrl: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const match = /^\s*sitemap\s*:\s*(\S+)/i.exec(line.replace(/#.*$/, ''));
    if (match?.[1] === undefined) continue;
    let url: string;
    try {
      url = new URL(match[1], robotsUrl).href;
    } catch {
      continue;
    }
    if (/^https?:/i.test(url) && !out.includes(url)) out.push(url);
  }
  return out;
}
