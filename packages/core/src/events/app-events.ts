/** Application lifecycle events: log start, application start and end, environment. */

export interface SparkListenerLogStart {
  Event: 'SparkListenerLogStart';
  'Spark Version': string;
}

export interface SparkListenerApplicationStart {
  Event: 'SparkListenerApplicationStart';
  'App Name': string;
  'App ID'?: string;
  Timestamp: number;
  User: string;
  'App Attempt ID'?: string;
  'Driver Logs'?: Record<string, string>;
}

export interface SparkListenerApplicationEnd {
  Event: 'SparkListenerApplicationEnd';
  Timestamp: number;
}

export interface SparkListenerEnvironmentUpdate {
  Event: 'SparkListenerEnvironmentUpdate';
  'JVM Information': Record<string, string>;
  'Spark Properties': Record<string, string>;
  'Hadoop Properties': Record<string, string>;
  'System Properties': Record<string, string>;
  'Metrics Properties': Record<string, string>;
  'Classpath Entries': Record<string, string>;
}

export function logStartEvent(sparkVersion: string): SparkListenerLogStart {
  return { Event: 'SparkListenerLogStart', 'Spark Version': sparkVersion };
}

export interface ApplicationStart {
  appName: string;
  appId?: string;
  time: number;
  user: string;
  appAttemptId?: string;
  driverLogs?: Record<string, string>;
}

export function applicationStartEvent(app: ApplicationStart): SparkListenerApplicationStart {
  return {
    Event: 'SparkListenerApplicationStart',
    'App Name': app.appName,
    ...(app.appId !== undefined && { 'App ID': app.appId }),
    Timestamp: app.time,
    User: app.user,
    ...(app.appAttemptId !== undefined && { 'App Attempt ID': app.appAttemptId }),
    ...(app.driverLogs && { 'Driver Logs': { ...app.driverLogs } }),
  };
}

export function applicationEndEvent(end: { time: number }): SparkListenerApplicationEnd {
  return { Event: 'SparkListenerApplicationEnd', Timestamp: end.time };
}

/** Each section is a flat string map; missing sections are written empty, as Spark's reader expects them. */
export interface Environment {
  jvmInformation?: Record<string, string>;
  sparkProperties?: Record<string, string>;
  hadoopProperties?: Record<string, string>;
  systemProperties?: Record<string, string>;
  metricsProperties?: Record<string, string>;
  classpathEntries?: Record<string, string>;
}

export function environmentUpdateEvent(env: Environment): SparkListenerEnvironmentUpdate {
  return {
    Event: 'SparkListenerEnvironmentUpdate',
    'JVM Information': { ...env.jvmInformation },
    'Spark Properties': { ...env.sparkProperties },
    'Hadoop Properties': { ...env.hadoopProperties },
    'System Properties': { ...env.systemProperties },
    'Metrics Properties': { ...env.metricsProperties },
    'Classpath Entries': { ...env.classpathEntries },
  };
}
