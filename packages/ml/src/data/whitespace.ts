/**
 * Turns whitespace-delimited text into tab-delimited text for the CSV parser, streaming: runs of
 * spaces and tabs become one tab, blanks at the start and end of a line go. State carries across
 * chunks, so a run split between two chunks still becomes one separator.
 */
import { StringDecoder } from 'node:string_decoder';
import { Transform } from 'node:stream';

export function whitespaceToTabs(): Transform {
  const decoder = new StringDecoder('utf8');
  let atLineStart = true;
  let pendingSeparator = false;
  const convert = (text: string): string => {
    let out = '';
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === ' ' || ch === '\t') {
        if (!atLineStart) pendingSeparator = true;
      } else if (ch === '\n' || ch === '\r') {
        pendingSeparator = false;
        atLineStart = true;
        out += ch;
      } else {
        if (pendingSeparator) out += '\t';
        pendingSeparator = false;
        atLineStart = false;
        out += ch;
      }
    }
    return out;
  };
  return new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      done(null, convert(typeof chunk === 'string' ? chunk : decoder.write(chunk)));
    },
    flush(done) {
      done(null, convert(decoder.end()));
    },
  });
}
