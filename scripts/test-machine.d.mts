/** Types for `test-machine.mjs`, for the test that checks its decisions. */
export interface Need {
  command: string;
  pkg: string;
  why: string;
}
export const NEEDS: Need[];
export function onPath(command: string, path?: string): boolean;
export type Plan =
  | { action: 'ready' }
  | { action: 'install'; packages: string[] }
  | { action: 'stop'; command: string };
export function plan(facts: { missing: Need[]; root: boolean; hasApt: boolean }): Plan;
export function provision(options?: {
  env?: Record<string, string | undefined>;
  root?: boolean;
  log?: (line: string) => void;
}): number;
