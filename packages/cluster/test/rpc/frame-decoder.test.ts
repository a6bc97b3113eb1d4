import { describe, expect, it } from 'vitest';
import { FrameDecoder, frameHeader, MAX_FRAME_BYTES } from '../../src/rpc/frame-decoder.js';
import { RpcError } from '../../src/rpc/rpc-error.js';
import { seededRandom } from '../seeded-random.js';

function encodeStream(payloads: readonly Buffer[]): Buffer {
  return Buffer.concat(payloads.flatMap((p) => [frameHeader(p.length), p]));
}

function drain(decoder: FrameDecoder): Buffer[] {
  const out: Buffer[] = [];
  for (let frame = decoder.next(); frame !== undefined; frame = decoder.next()) out.push(Buffer.from(frame));
  return out;
}

function randomPayloads(random: () => number, count: number): Buffer[] {
  return Array.from({ length: count }, (_, i) => {
    // Mostly small frames, some empty, some larger than a socket chunk.
    const roll = random();
    const size = roll < 0.1 ? 0 : roll < 0.9 ? Math.floor(random() * 300) : 60_000 + Math.floor(random() * 20_000);
    const payload = Buffer.alloc(size);
    for (let j = 0; j < size; j++) payload[j] = (i * 31 + j * 7) & 0xff;
    return payload;
  });
}

describe('FrameDecoder', () => {
  it.each([1, 2, 3, 42, 1234, 99_999])(
    'reassembles the same frames whatever the chunk boundaries (seed %i)',
    (seed) => {
      const random = seededRandom(seed);
      const payloads = randomPayloads(random, 120);
      const stream = encodeStream(payloads);
      const decoder = new FrameDecoder();
      const frames: Buffer[] = [];
      // Cut the stream into chunks of 1 byte (splitting headers) up to ~100 KB (coalescing frames).
      for (let offset = 0; offset < stream.length; ) {
        const roll = random();
        const size = roll < 0.3 ? 1 + Math.floor(random() * 4) : roll < 0.8 ? 1 + Math.floor(random() * 500) : 1 + Math.floor(random() * 100_000);
        decoder.push(stream.subarray(offset, offset + size));
        offset += size;
        frames.push(...drain(decoder));
      }
      // Compared as base64 strings: a deep equality over Buffers walks them element by element.
      const asText = (list: Buffer[]): string[] => list.map((b) => b.toString('base64'));
      expect(asText(frames)).toEqual(asText(payloads));
      expect(decoder.bufferedBytes).toBe(0);
    },
  );

  it('delivers every frame of one coalesced chunk, and nothing of an incomplete one', () => {
    const decoder = new FrameDecoder();
    const stream = encodeStream([Buffer.from('a'), Buffer.from('bc'), Buffer.from('def')]);
    decoder.push(stream.subarray(0, stream.length - 1));
    expect(drain(decoder).map(String)).toEqual(['a', 'bc']);
    decoder.push(stream.subarray(stream.length - 1));
    expect(drain(decoder).map(String)).toEqual(['def']);
  });

  it('refuses a frame larger than the limit with a clear error, after the frames before it', () => {
    const decoder = new FrameDecoder(1024, 'worker-1 at 127.0.0.1:5000');
    decoder.push(encodeStream([Buffer.from('ok')]));
    decoder.push(frameHeader(1025));
    expect(String(decoder.next())).toBe('ok');
    let thrown: unknown;
    try {
      decoder.next();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RpcError);
    expect((thrown as RpcError).code).toBe('FRAME_TOO_LARGE');
    expect((thrown as RpcError).message).toBe(
      'Frame of 1025 bytes from worker-1 at 127.0.0.1:5000 exceeds the maximum of 1024 bytes (1 KiB)',
    );
  });

  it('defaults to a 256 MiB limit', () => {
    const decoder = new FrameDecoder();
    expect(decoder.maxFrameBytes).toBe(MAX_FRAME_BYTES);
    expect(MAX_FRAME_BYTES).toBe(256 * 1024 * 1024);
    decoder.push(frameHeader(MAX_FRAME_BYTES + 1));
    expect(() => decoder.next()).toThrow(/exceeds the maximum of 268435456 bytes \(256 MiB\)/);
  });
});
