import type { Session } from 'electron';
import { contentSecurityPolicy } from '../web/contentSecurityPolicy';
import type { AppLocation } from './appLocation';

/** The one permission the app uses: writing (sanitized) text to the clipboard for "Copy". */
const allowedPermissions = new Set(['clipboard-sanitized-write']);

/**
 * Locks down the window's session: no permission prompts (camera, notifications, geolocation…)
 * beyond the clipboard, and the same Content-Security-Policy as browser mode on the app's pages.
 */
export function secureSession(session: Session, location: AppLocation): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    callback(allowedPermissions.has(permission));
  });
  session.setPermissionCheckHandler((_contents, permission) => allowedPermissions.has(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!location.isAppUrl(details.url)) {
      callback({});
      return;
    }
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [contentSecurityPolicy],
      },
    });
  });
}
