/*
 * The ASL corpus (test/fixtures/asl-corpus): 283 valid real-world definitions by others and 154
 * definitions Step Functions rejects, each with its source in index.json.
 */
import * as fs from 'fs';
import * as path from 'path';

/** One definition of the corpus. */
export interface CorpusEntry {
  readonly id: string;
  readonly file: string;
  readonly kind: 'valid' | 'invalid';
  readonly queryLanguage: string;
  readonly features: readonly string[];
  readonly family?: string;
  readonly reason?: string;
  /** The definition's text. */
  readonly text: string;
}

const DIR = path.join(__dirname, '..', '..', 'fixtures', 'asl-corpus');

/** Every entry of the corpus, with its text. */
export function loadCorpus(): CorpusEntry[] {
  const index = JSON.parse(fs.readFileSync(path.join(DIR, 'index.json'), 'utf8')) as Array<Omit<CorpusEntry, 'text'>>;
  return index.map((e) => ({ ...e, text: fs.readFileSync(path.join(DIR, e.file), 'utf8') }));
}
