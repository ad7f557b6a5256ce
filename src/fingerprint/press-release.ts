/**
 * Removes the contact block that closes a release distributed by a press wire (news aktuell's ots,
 * which carries every German police station's and many firms' releases): "Rückfragen bitte an:
 * Polizeipräsidium Stuttgart Telefon: 0711 8990-3333 E-Mail: … Original-Content von:
 * Polizeipräsidium Stuttgart, übermittelt durch news aktuell". It says who to call, not what
 * happened, like an agency credit (normalize-text.ts). Its telephone number (figures weigh ×4), its
 * e-mail address and the issuer's name linked two unrelated releases of one station (rated
 * "somewhat" or "very dissimilar") and its fixed words linked releases of different stations.
 * Measured on the dev pairs (seeds 1-5 / 6-10 / 11-15, after the German common-word prior): de F1
 * 0.806 / 0.792 / 0.792 → 0.814 / 0.798 / 0.793, overall 0.794 / 0.792 / 0.792 → 0.796 / 0.793 /
 * 0.792 (a rated-1 pair under one newspaper's trailer joins, a rated-4 pair of one station parts
 * more often). The issuer's code before the headline ("POL-KN:", "(ots)") was measured too and
 * moved nothing: not removed (docs/notes/stories.md, pass 6).
 */
export function stripPressReleaseTrailer(text: string): string {
  const trailer = TRAILER_RE.exec(text);
  if (trailer === null || trailer.index < text.length * TRAILER_FROM) return text;
  // The contact block's labels just before the marker belong to it (a text cut by its source can
  // lose "Rückfragen bitte an:" and keep "Telefon: 07361 580-107 E-Mail: …").
  const from = Math.max(0, trailer.index - CONTACT_REACH);
  const contact = CONTACT_LABEL_RE.exec(text.slice(from, trailer.index));
  return text.slice(0, contact === null ? trailer.index : from + contact.index).replace(TRAILING_NUMBER_RE, '');
}

/** The start of a release's closing contact block, or the wire's own last line (also machine-translated: "Original-Inhalt von"). */
const TRAILER_RE = /(?:Rückfragen bitte an|Pressekontakt|Medienkontakt|Original-(?:Content|Inhalt) von)\s*:/;
/** The trailer is only taken as one after this share of the text (a release closes with it). */
const TRAILER_FROM = 0.4;
/** Characters before the trailer marker searched for the contact block's first label. */
const CONTACT_REACH = 200;
const CONTACT_LABEL_RE = /(?:Rückfragen bitte an|Pressekontakt|Medienkontakt|Kontakt|Telefon|Tel\.|Fax|E-Mail)\s*:/;
/** A telephone number left at the cut whose label the source dropped ("… so dass dessen 07531 995-1012"). */
const TRAILING_NUMBER_RE = /\s+\+?\d[\d /-]{5,}\d\s*$/;
