// The wait a queued caller is told, as an honest range ("etwa 10 bis 15 Minuten"): the
// expected wait from their place in line, the agents working and recent handle times,
// widened by a quarter each way and rounded outwards to five minutes.

export interface WaitInputs {
  /** 1 = next in line. */
  position: number;
  /** Agents available, on a call or in wrap-up: the ones who will take the next calls. */
  agentsWorking: number;
  /** Mean handle time of recent calls (talk + wrap-up), in seconds. */
  avgHandleSeconds: number;
}

export interface WaitEstimate {
  minMinutes: number;
  maxMinutes: number;
}

const STEP = 5;

/** null when nobody is working: no honest number can be given. */
export function estimateWait({ position, agentsWorking, avgHandleSeconds }: WaitInputs): WaitEstimate | null {
  if (agentsWorking <= 0 || avgHandleSeconds <= 0) return null;
  const expectedMinutes = (Math.max(1, position) * avgHandleSeconds) / agentsWorking / 60;
  const minMinutes = Math.floor((expectedMinutes * 0.75) / STEP) * STEP;
  const maxMinutes = Math.max(minMinutes + STEP, Math.ceil((expectedMinutes * 1.25) / STEP) * STEP);
  return { minMinutes, maxMinutes };
}

/** How far off an announced range was: 0 inside it, else minutes outside. */
export function estimateError(estimate: WaitEstimate, realWaitSeconds: number): number {
  const real = realWaitSeconds / 60;
  if (real < estimate.minMinutes) return real - estimate.minMinutes;
  if (real > estimate.maxMinutes) return real - estimate.maxMinutes;
  return 0;
}
