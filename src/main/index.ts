import { startElectronApp } from './electron/app';

// The Electron entry (package.json "main"). The `berth` command is cli.ts.
startElectronApp();
