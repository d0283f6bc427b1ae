// A sender's clock: a test's fixed time, or one read afresh at each use (a pass of slow sends can
// take minutes, and a lease or a due time computed from when it began would already be stale).
export type Clock = Date | (() => Date);

export const clockOf = (now: Clock): (() => Date) => (typeof now === "function" ? now : () => now);
