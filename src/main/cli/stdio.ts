/**
 * `berth serve` prints exactly one line on stdout (its address; scripts and tests read it). Every
 * log, including console.log from any service, goes to stderr.
 */
export function routeConsoleToStderr(): void {
  const toStderr = (...args: unknown[]): void => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
}
