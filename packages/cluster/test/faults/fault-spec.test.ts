import { describe, expect, it } from 'vitest';
import { FaultSpecError, formatFaultSpec, parseFaultSpec } from '../../src/faults/fault-spec.js';

const SYNTAX = 'syntax ACTION[:key=value,...][@NN%|@stage=S:NN%|@1500ms|@2s]';

/** The message parseFaultSpec throws for `text`. */
function errorOf(text: string): string {
  try {
    parseFaultSpec(text);
  } catch (err) {
    expect(err).toBeInstanceOf(FaultSpecError);
    return (err as Error).message;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

describe('parseFaultSpec: actions and defaults', () => {
  it('kill-executor alone: SIGTERM the busiest executor at 50% of the job', () => {
    expect(parseFaultSpec('kill-executor')).toEqual({
      text: 'kill-executor',
      action: 'kill-executor',
      signal: 'SIGTERM',
      trigger: { kind: 'jobProgress', fraction: 0.5 },
    });
  });

  it('kill-worker defaults to SIGTERM too', () => {
    expect(parseFaultSpec('kill-worker')).toMatchObject({ action: 'kill-worker', signal: 'SIGTERM' });
  });

  it('pause-executor sends SIGSTOP for 5 s unless told', () => {
    expect(parseFaultSpec('pause-executor')).toEqual({
      text: 'pause-executor',
      action: 'pause-executor',
      signal: 'SIGSTOP',
      pauseMs: 5000,
      trigger: { kind: 'jobProgress', fraction: 0.5 },
    });
    expect(parseFaultSpec('pause-executor:for=3s').pauseMs).toBe(3000);
    expect(parseFaultSpec('pause-executor:for=250ms').pauseMs).toBe(250);
    expect(parseFaultSpec('pause-executor:for=0.5s').pauseMs).toBe(500);
  });

  it('keeps the trimmed text the user wrote', () => {
    expect(parseFaultSpec('  kill-executor@10%  ').text).toBe('kill-executor@10%');
  });
});

describe('parseFaultSpec: keys', () => {
  it('reads the signal with or without SIG, in any case', () => {
    expect(parseFaultSpec('kill-executor:signal=KILL').signal).toBe('SIGKILL');
    expect(parseFaultSpec('kill-executor:signal=SIGKILL').signal).toBe('SIGKILL');
    expect(parseFaultSpec('kill-executor:signal=int').signal).toBe('SIGINT');
    expect(parseFaultSpec('kill-worker:signal=sighup').signal).toBe('SIGHUP');
    expect(parseFaultSpec('kill-executor:signal=TERM').signal).toBe('SIGTERM');
  });

  it('reads the target executor', () => {
    expect(parseFaultSpec('kill-executor:executor=2').executorId).toBe('2');
    expect(parseFaultSpec('pause-executor:executor=3,for=2s@stage=1:20%')).toEqual({
      text: 'pause-executor:executor=3,for=2s@stage=1:20%',
      action: 'pause-executor',
      signal: 'SIGSTOP',
      executorId: '3',
      pauseMs: 2000,
      trigger: { kind: 'stageProgress', stageId: 1, fraction: 0.2 },
    });
  });

  it('takes keys in any order, with spaces around them', () => {
    expect(parseFaultSpec('kill-executor: signal=KILL , executor=1 @ 30%')).toMatchObject({
      executorId: '1',
      signal: 'SIGKILL',
      trigger: { kind: 'jobProgress', fraction: 0.3 },
    });
  });
});

describe('parseFaultSpec: triggers', () => {
  it('NN% of the job', () => {
    expect(parseFaultSpec('kill-executor@0%').trigger).toEqual({ kind: 'jobProgress', fraction: 0 });
    expect(parseFaultSpec('kill-executor@100%').trigger).toEqual({ kind: 'jobProgress', fraction: 1 });
    expect(parseFaultSpec('kill-executor@12.5%').trigger).toEqual({ kind: 'jobProgress', fraction: 0.125 });
  });

  it('stage=S:NN%', () => {
    expect(parseFaultSpec('kill-executor@stage=2:75%').trigger).toEqual({ kind: 'stageProgress', stageId: 2, fraction: 0.75 });
  });

  it('a time since the job started', () => {
    expect(parseFaultSpec('kill-executor@1500ms').trigger).toEqual({ kind: 'afterJobStart', ms: 1500 });
    expect(parseFaultSpec('kill-executor@2s').trigger).toEqual({ kind: 'afterJobStart', ms: 2000 });
    expect(parseFaultSpec('kill-executor@0.5s').trigger).toEqual({ kind: 'afterJobStart', ms: 500 });
    expect(parseFaultSpec('kill-executor@0ms').trigger).toEqual({ kind: 'afterJobStart', ms: 0 });
  });
});

describe('parseFaultSpec: errors', () => {
  it('names an unknown action and lists the valid ones', () => {
    expect(errorOf('kill-exec@50%')).toBe(
      'invalid fault "kill-exec@50%": unknown action "kill-exec" (valid: kill-executor, kill-worker, pause-executor; ' + SYNTAX + ')',
    );
    expect(errorOf('@50%')).toBe('invalid fault "@50%": no action (valid: kill-executor, kill-worker, pause-executor; ' + SYNTAX + ')');
    expect(errorOf('   ')).toBe(`invalid fault "": the spec is empty (${SYNTAX})`);
  });

  it('names an unknown key or signal and lists the valid ones', () => {
    expect(errorOf('kill-executor:sig=KILL')).toBe(`invalid fault "kill-executor:sig=KILL": unknown key "sig" (valid: executor, signal, for; ${SYNTAX})`);
    expect(errorOf('kill-executor:signal=STOP')).toBe(
      `invalid fault "kill-executor:signal=STOP": unknown signal "STOP" (valid: TERM, KILL, INT, HUP; ${SYNTAX})`,
    );
    expect(errorOf('kill-executor:KILL')).toBe(`invalid fault "kill-executor:KILL": "KILL" is not key=value (valid: executor, signal, for; ${SYNTAX})`);
  });

  it('refuses malformed or misplaced key=value pairs', () => {
    expect(errorOf('kill-executor:')).toBe(`invalid fault "kill-executor:": nothing after ":"; give key=value (${SYNTAX})`);
    expect(errorOf('kill-executor:executor=1,,signal=KILL')).toBe(
      `invalid fault "kill-executor:executor=1,,signal=KILL": an empty key=value (two commas in a row?) (${SYNTAX})`,
    );
    expect(errorOf('kill-executor:executor=')).toBe(`invalid fault "kill-executor:executor=": executor= has no value (${SYNTAX})`);
    expect(errorOf('kill-executor:executor=1,executor=2')).toBe(`invalid fault "kill-executor:executor=1,executor=2": executor= is given twice (${SYNTAX})`);
    expect(errorOf('kill-executor:for=3s')).toBe(`invalid fault "kill-executor:for=3s": for= applies only to pause-executor, not kill-executor (${SYNTAX})`);
    expect(errorOf('pause-executor:signal=KILL')).toBe(
      `invalid fault "pause-executor:signal=KILL": pause-executor always sends SIGSTOP then SIGCONT; drop signal= (${SYNTAX})`,
    );
    expect(errorOf('pause-executor:for=3')).toBe(`invalid fault "pause-executor:for=3": for=3 is not a positive duration like 500ms or 3s (${SYNTAX})`);
    expect(errorOf('pause-executor:for=0s')).toBe(`invalid fault "pause-executor:for=0s": for=0s is not a positive duration like 500ms or 3s (${SYNTAX})`);
  });

  it('refuses malformed triggers', () => {
    expect(errorOf('kill-executor@150%')).toBe(`invalid fault "kill-executor@150%": trigger "150%" is not a percentage from 0% to 100% (${SYNTAX})`);
    expect(errorOf('kill-executor@-5%')).toBe(`invalid fault "kill-executor@-5%": trigger "-5%" is not a percentage from 0% to 100% (${SYNTAX})`);
    expect(errorOf('kill-executor@50')).toBe(
      `invalid fault "kill-executor@50": trigger "50" has no unit; write 50% for job progress or 50ms / 50s for time (${SYNTAX})`,
    );
    expect(errorOf('kill-executor@soon')).toBe(`invalid fault "kill-executor@soon": unknown trigger "soon" (${SYNTAX})`);
    expect(errorOf('kill-executor@')).toBe(`invalid fault "kill-executor@": nothing after "@"; give a trigger (${SYNTAX})`);
    expect(errorOf('kill-executor@50%@2s')).toBe(`invalid fault "kill-executor@50%@2s": more than one "@"; give one trigger (${SYNTAX})`);
    expect(errorOf('kill-executor@stage=1')).toBe(`invalid fault "kill-executor@stage=1": trigger "stage=1" should read stage=S:NN% (${SYNTAX})`);
    expect(errorOf('kill-executor@stage=x:50%')).toBe(
      `invalid fault "kill-executor@stage=x:50%": stage "x" in trigger "stage=x:50%" is not a stage id (${SYNTAX})`,
    );
    expect(errorOf('kill-executor@stage=1:2s')).toBe(
      `invalid fault "kill-executor@stage=1:2s": trigger "stage=1:2s" needs a percentage after the stage, like stage=1:50% (${SYNTAX})`,
    );
  });

  it('keeps the message on one line whatever was typed', () => {
    const message = errorOf('kill\nexecutor');
    expect(message).not.toContain('\n');
    expect(message).toContain('unknown action "kill\\nexecutor"');
  });

  it('is a named error carrying the spec and the reason', () => {
    let caught: unknown;
    try {
      parseFaultSpec('kill-executor@2x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ name: 'FaultSpecError', spec: 'kill-executor@2x', reason: 'unknown trigger "2x"' });
  });
});

describe('formatFaultSpec', () => {
  it('spells out every default', () => {
    expect(formatFaultSpec(parseFaultSpec('kill-executor'))).toBe('kill-executor:signal=TERM@50%');
    expect(formatFaultSpec(parseFaultSpec('pause-executor'))).toBe('pause-executor:for=5s@50%');
    expect(formatFaultSpec(parseFaultSpec('kill-worker:signal=sigkill,executor=4@stage=3:7%'))).toBe('kill-worker:executor=4,signal=KILL@stage=3:7%');
    expect(formatFaultSpec(parseFaultSpec('pause-executor:for=1500ms@0.5s'))).toBe('pause-executor:for=1500ms@500ms');
    expect(formatFaultSpec(parseFaultSpec('kill-executor@12.5%'))).toBe('kill-executor:signal=TERM@12.5%');
  });

  it('parses back to the same spec', () => {
    for (const text of ['kill-executor', 'kill-worker:signal=INT@2s', 'pause-executor:executor=a:b,for=0.25s@stage=0:100%', 'kill-executor@33.3%', 'kill-executor@0ms']) {
      const spec = parseFaultSpec(text);
      const canonical = formatFaultSpec(spec);
      expect({ ...parseFaultSpec(canonical), text }).toEqual(spec);
      expect(formatFaultSpec(parseFaultSpec(canonical))).toBe(canonical);
    }
  });
});
