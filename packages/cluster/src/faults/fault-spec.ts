/**
 * The `--fault SPEC` language: ACTION[:key=value,...][@TRIGGER].
 *
 *   kill-executor                      SIGTERM the busiest executor when half the job's tasks are done
 *   kill-executor:signal=KILL@30%      SIGKILL it at 30% of the job
 *   kill-worker:executor=1@stage=2:50% SIGTERM the worker hosting executor 1 at half of stage 2
 *   pause-executor:for=3s@2s           SIGSTOP the busiest executor 2 s into the job, SIGCONT 3 s later
 *
 * Parsing is strict: a typo in a benchmark's fault must fail before the cluster starts, not quietly
 * run a fault-free job that then "recovers" in zero seconds.
 */

export type FaultAction = 'kill-executor' | 'kill-worker' | 'pause-executor';

/** When a fault fires; each is checked against the first job that meets it. */
export type FaultTrigger =
  | { readonly kind: 'jobProgress'; readonly fraction: number }
  | { readonly kind: 'stageProgress'; readonly stageId: number; readonly fraction: number }
  | { readonly kind: 'afterJobStart'; readonly ms: number };

export interface FaultSpec {
  /** The spec as the user wrote it (trimmed); recorded as the fault's trigger in the event log. */
  readonly text: string;
  readonly action: FaultAction;
  /** SIGSTOP for pause-executor (SIGCONT follows after pauseMs). */
  readonly signal: NodeJS.Signals;
  /** Absent: the executor running the most tasks when the fault fires. */
  readonly executorId?: string;
  /** pause-executor only. */
  readonly pauseMs?: number;
  readonly trigger: FaultTrigger;
}

const ACTIONS: readonly FaultAction[] = ['kill-executor', 'kill-worker', 'pause-executor'];
const KEYS = ['executor', 'signal', 'for'] as const;
type Key = (typeof KEYS)[number];
/** Signals that end a process in a way a real cluster sees: polite (TERM, INT, HUP) or not (KILL). */
const KILL_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGHUP'];
const SYNTAX = 'ACTION[:key=value,...][@NN%|@stage=S:NN%|@1500ms|@2s]';
const DEFAULT_TRIGGER: FaultTrigger = { kind: 'jobProgress', fraction: 0.5 };
const DEFAULT_PAUSE_MS = 5000;

/** A fault spec that cannot be parsed; the message is one line naming the problem and the syntax. */
export class FaultSpecError extends Error {
  override readonly name = 'FaultSpecError';

  constructor(
    readonly spec: string,
    readonly reason: string,
    valid?: readonly string[],
  ) {
    // JSON quoting keeps the message on one line whatever the user typed.
    super(`invalid fault ${JSON.stringify(spec)}: ${reason} (${valid !== undefined ? `valid: ${valid.join(', ')}; ` : ''}syntax ${SYNTAX})`);
  }
}

export function parseFaultSpec(text: string): FaultSpec {
  const spec = text.trim();
  const fail = (reason: string, valid?: readonly string[]): never => {
    throw new FaultSpecError(spec, reason, valid);
  };
  if (spec === '') fail('the spec is empty');

  const at = spec.indexOf('@');
  if (at >= 0 && spec.indexOf('@', at + 1) >= 0) fail('more than one "@"; give one trigger');
  const head = at < 0 ? spec : spec.slice(0, at);
  const colon = head.indexOf(':');
  const actionText = (colon < 0 ? head : head.slice(0, colon)).trim();
  if (actionText === '') fail('no action', ACTIONS);
  if (!(ACTIONS as readonly string[]).includes(actionText)) fail(`unknown action ${JSON.stringify(actionText)}`, ACTIONS);
  const action = actionText as FaultAction;

  const params = colon < 0 ? new Map<Key, string>() : parseParams(head.slice(colon + 1), fail);
  const executorId = params.get('executor');

  let signal: NodeJS.Signals = action === 'pause-executor' ? 'SIGSTOP' : 'SIGTERM';
  const signalText = params.get('signal');
  if (signalText !== undefined) {
    if (action === 'pause-executor') fail('pause-executor always sends SIGSTOP then SIGCONT; drop signal=');
    signal = parseSignal(signalText) ?? fail(`unknown signal ${JSON.stringify(signalText)}`, KILL_SIGNALS.map((s) => s.slice(3)));
  }

  let pauseMs: number | undefined;
  const forText = params.get('for');
  if (forText !== undefined && action !== 'pause-executor') fail(`for= applies only to pause-executor, not ${action}`);
  if (action === 'pause-executor') {
    pauseMs = forText === undefined ? DEFAULT_PAUSE_MS : parseDuration(forText);
    if (pauseMs === undefined || pauseMs <= 0) fail(`for=${forText} is not a positive duration like 500ms or 3s`);
  }

  const trigger = at < 0 ? DEFAULT_TRIGGER : parseTrigger(spec.slice(at + 1).trim(), fail);
  return {
    text: spec,
    action,
    signal,
    ...(executorId !== undefined && { executorId }),
    ...(pauseMs !== undefined && { pauseMs }),
    trigger,
  };
}

/** The canonical spec: every default spelled out, so logs say exactly what was meant. Parses back to the same spec. */
export function formatFaultSpec(spec: FaultSpec): string {
  const params: string[] = [];
  if (spec.executorId !== undefined) params.push(`executor=${spec.executorId}`);
  if (spec.action === 'pause-executor') params.push(`for=${formatDuration(spec.pauseMs ?? DEFAULT_PAUSE_MS)}`);
  else params.push(`signal=${spec.signal.replace(/^SIG/, '')}`);
  return `${spec.action}:${params.join(',')}@${formatTrigger(spec.trigger)}`;
}

/** The trigger in spec syntax, e.g. "50%", "stage=2:25%", "1500ms". */
export function formatTrigger(trigger: FaultTrigger): string {
  switch (trigger.kind) {
    case 'jobProgress':
      return formatPercent(trigger.fraction);
    case 'stageProgress':
      return `stage=${trigger.stageId}:${formatPercent(trigger.fraction)}`;
    case 'afterJobStart':
      return formatDuration(trigger.ms);
  }
}

function parseParams(text: string, fail: (reason: string, valid?: readonly string[]) => never): Map<Key, string> {
  const params = new Map<Key, string>();
  if (text.trim() === '') fail('nothing after ":"; give key=value');
  for (const part of text.split(',')) {
    if (part.trim() === '') fail('an empty key=value (two commas in a row?)');
    const eq = part.indexOf('=');
    if (eq < 0) fail(`${JSON.stringify(part.trim())} is not key=value`, KEYS);
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!(KEYS as readonly string[]).includes(key)) fail(`unknown key ${JSON.stringify(key)}`, KEYS);
    if (params.has(key as Key)) fail(`${key}= is given twice`);
    if (value === '') fail(`${key}= has no value`);
    params.set(key as Key, value);
  }
  return params;
}

function parseTrigger(text: string, fail: (reason: string, valid?: readonly string[]) => never): FaultTrigger {
  if (text === '') fail('nothing after "@"; give a trigger');
  const stage = /^stage=(.*?):(.*)$/.exec(text);
  if (stage !== null) {
    if (!/^\d+$/.test(stage[1])) fail(`stage ${JSON.stringify(stage[1])} in trigger "${text}" is not a stage id`);
    const fraction = parsePercent(stage[2]) ?? fail(`trigger "${text}" needs a percentage after the stage, like stage=${stage[1]}:50%`);
    return { kind: 'stageProgress', stageId: Number(stage[1]), fraction };
  }
  if (text.startsWith('stage')) fail(`trigger "${text}" should read stage=S:NN%`);
  if (text.endsWith('%')) {
    const fraction = parsePercent(text) ?? fail(`trigger "${text}" is not a percentage from 0% to 100%`);
    return { kind: 'jobProgress', fraction };
  }
  const ms = parseDuration(text);
  if (ms !== undefined) return { kind: 'afterJobStart', ms };
  if (/^\d+(?:\.\d+)?$/.test(text)) fail(`trigger "${text}" has no unit; write ${text}% for job progress or ${text}ms / ${text}s for time`);
  return fail(`unknown trigger "${text}"`);
}

/** "NN%" → a fraction in [0, 1]; undefined when malformed or out of range. */
function parsePercent(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  if (m === null) return undefined;
  const percent = Number(m[1]);
  return percent <= 100 ? percent / 100 : undefined;
}

/** "1500ms", "2s", "0.5s" → whole milliseconds; a bare number is refused since its unit would be a guess. */
function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?|\.\d+)(ms|s)$/.exec(text.trim());
  if (m === null) return undefined;
  return Math.round(Number(m[1]) * (m[2] === 's' ? 1000 : 1));
}

function parseSignal(text: string): NodeJS.Signals | undefined {
  const upper = text.toUpperCase();
  const name = (upper.startsWith('SIG') ? upper : `SIG${upper}`) as NodeJS.Signals;
  return KILL_SIGNALS.includes(name) ? name : undefined;
}

function formatPercent(fraction: number): string {
  // Rounding hides binary noise (0.07 * 100 = 7.000000000000001) without losing any percent a user can type.
  return `${Number((fraction * 100).toFixed(6))}%`;
}

function formatDuration(ms: number): string {
  return ms > 0 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}
