import { spawn } from 'node:child_process';

/** Opens a URL in the user's browser; a failure is only reported, the server keeps running. */
export function openBrowser(url: string, log: (message: string) => void): void {
  // No shell: the URL is passed as one argument, never parsed as a command line.
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', (error) =>
    log(`Could not open a browser (${error.message}); open the URL yourself.`),
  );
  child.unref();
}
