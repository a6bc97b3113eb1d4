import { describe, expect, it } from 'vitest';
import { exceptionFailure, stackFramesFromError } from '../../src/events/index.js';

describe('stack traces', () => {
  it('maps V8 frames onto Java-style ones', () => {
    const error = new Error('boom');
    error.stack = [
      'Error: boom',
      '    at ShuffleReader.fetch (file:///app/shuffle/reader.js:42:7)',
      '    at async runTask (/app/executor/task.js:10:3)',
      '    at file:///app/main.js:3:1',
      '    at new Promise (<anonymous>)',
    ].join('\n');
    expect(stackFramesFromError(error)).toEqual([
      { declaringClass: 'ShuffleReader', methodName: 'fetch', fileName: 'file:///app/shuffle/reader.js', lineNumber: 42 },
      { declaringClass: '', methodName: 'async runTask', fileName: '/app/executor/task.js', lineNumber: 10 },
      { declaringClass: '', methodName: '<anonymous>', fileName: 'file:///app/main.js', lineNumber: 3 },
      { declaringClass: '', methodName: 'new Promise', fileName: '<anonymous>', lineNumber: -1 },
    ]);
  });

  it('describes thrown non-errors too', () => {
    expect(exceptionFailure('just a string')).toEqual({
      kind: 'ExceptionFailure',
      className: 'string',
      description: 'just a string',
      stackTrace: [],
      fullStackTrace: 'just a string',
    });
    expect(stackFramesFromError(42)).toEqual([]);
  });
});
