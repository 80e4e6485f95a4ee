import type Docker from 'dockerode';
import { slugify } from '../../../shared/contract/branchNames';
import { sandboxLabels, type SandboxSpec } from './sandboxRuntime';

/** Where repositories live inside every sandbox. */
export const workspaceDir = '/workspace';

export const containerName = (sessionId: string): string => `berth-${sessionId}`;
export const workspaceVolume = (sessionId: string): string => `berth-ws-${sessionId}`;

/** Defaults from the SandboxSpec contract: enough for a build and a test run of a typical repo. */
export const sandboxDefaults = {
  memoryBytes: 4 * 1024 ** 3,
  nanoCpus: 2e9,
  pidsLimit: 1024,
} as const;

/**
 * Capabilities nothing in a coding session needs and that make escapes and network tricks
 * easier: raw sockets (spoofing), device nodes, chroot, the audit log, file capabilities and
 * changing capability sets. CHOWN, SETUID, DAC_OVERRIDE and the like stay, so `apt-get` as root
 * through exec keeps working.
 */
export const droppedCapabilities = [
  'NET_RAW',
  'MKNOD',
  'SYS_CHROOT',
  'AUDIT_WRITE',
  'SETFCAP',
  'SETPCAP',
];

/** The session name as a hostname (RFC 1123 label: a–z, 0–9, inner dashes, at most 63). */
export function hostnameFor(sessionName: string): string {
  return slugify(sessionName, 63, 'sandbox');
}

/** The labels of a sandbox and its volume; the session's own labels win over `spec.labels`. */
export function labelsFor(
  spec: SandboxSpec,
  workbenchId: string | undefined,
): Record<string, string> {
  const labels: Record<string, string> = {
    ...spec.labels,
    [sandboxLabels.session]: spec.sessionId,
    [sandboxLabels.sessionName]: spec.sessionName,
  };
  if (workbenchId !== undefined) labels[sandboxLabels.workbench] = workbenchId;
  return labels;
}

/** The hardened container: no privileges, limits on memory, CPU and pids, no Docker socket. */
export function containerOptions(
  spec: SandboxSpec,
  workbenchId: string | undefined,
): Docker.ContainerCreateOptions {
  return {
    name: containerName(spec.sessionId),
    Image: spec.image,
    Hostname: hostnameFor(spec.sessionName),
    Labels: labelsFor(spec, workbenchId),
    HostConfig: {
      Privileged: false,
      SecurityOpt: ['no-new-privileges'],
      CapDrop: droppedCapabilities,
      PidsLimit: spec.pidsLimit ?? sandboxDefaults.pidsLimit,
      Memory: spec.memoryBytes ?? sandboxDefaults.memoryBytes,
      NanoCpus: spec.nanoCpus ?? sandboxDefaults.nanoCpus,
      // tini is the image's entrypoint; Docker's own init would be a second one.
      Init: false,
      // The workspace is a named volume, so the disk survives stop, start and a new container.
      Mounts: [{ Type: 'volume', Source: workspaceVolume(spec.sessionId), Target: workspaceDir }],
      RestartPolicy: { Name: 'no' },
      // IPv6 on loopback only: dev servers bound to `localhost` often listen on ::1 alone, and
      // the ports relay dials exactly that. No address outside the sandbox changes.
      Sysctls: { 'net.ipv6.conf.lo.disable_ipv6': '0' },
    },
  };
}
