import { StringDecoder } from 'node:string_decoder';

/**
 * Reads a stream of newline-delimited JSON (the engine's event and build streams) and calls
 * `onObject` for every object. Chunks may split a line or a UTF-8 character; lines that are not
 * JSON are passed on as `{ raw }` so nothing the engine says is lost.
 */
export function readJsonLines(
  stream: NodeJS.ReadableStream,
  onObject: (object: unknown) => void,
): void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emitLine = (line: string): void => {
    if (line.trim() === '') return;
    try {
      onObject(JSON.parse(line));
    } catch {
      onObject({ raw: line });
    }
  };
  stream.on('data', (chunk: Buffer | string) => {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      emitLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      newline = pending.indexOf('\n');
    }
  });
  stream.on('end', () => {
    emitLine(pending + decoder.end());
    pending = '';
  });
}
