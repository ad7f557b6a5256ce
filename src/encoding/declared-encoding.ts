/** How far into the document in-document declarations are looked for. */
const HEAD_BYTES = 16 * 1024;

/** The document's own encoding declaration and where it was found. */
export interface DocumentDeclaration {
  label: string;
  source: 'xml-declaration' | 'html-meta';
}

/**
 * Finds the encoding the document declares for itself: the XML declaration (`<?xml … encoding="…"?>`)
 * for xml, `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">` for html;
 * `auto` tries the XML declaration first. Comments are skipped so a commented-out meta does not count.
 * Reads the head as Latin-1: every ASCII-compatible encoding keeps the ASCII markup readable that way.
 */
export function findDocumentDeclaration(bytes: Uint8Array, kind: 'html' | 'xml' | 'auto'): DocumentDeclaration | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEAD_BYTES)).toString('latin1');
  if (kind !== 'html') {
    const xml = /^\s{0,64}<\?xml[^>]*?\bencoding\s*=\s*["']\s*([^"'\s]+)\s*["']/i.exec(head);
    if (xml?.[1] !== undefined) return { label: xml[1], source: 'xml-declaration' };
  }
  if (kind !== 'xml') {
    const label = htmlMetaCharset(head.replace(/<!--[\s\S]*?-->/g, ''));
    if (label !== null) return { label, source: 'html-meta' };
  }
  return null;
}

function htmlMetaCharset(head: string): string | null {
  for (const tag of head.matchAll(/<meta\b[^>]*>/gi)) {
    const text = tag[0];
    const direct = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(text);
    if (direct?.[1] === undefined) continue;
    // In `content="text/html; charset=…"` the match is inside the content attribute, which is what
    // the http-equiv form means; `<meta charset=…>` matches directly. Either way the label is the same.
    return direct[1];
  }
  return null;
}
