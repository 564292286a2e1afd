/**
 * Wraps a command action: an error is printed as one message (with its code) on stderr and sets exit status 1,
 * instead of a stack trace. A TopologyError's message already lists every problem with its location.
 */
export declare function runAction<A extends unknown[]>(action: (...args: A) => Promise<void>): (...args: A) => Promise<void>;
//# sourceMappingURL=runLabAction.d.ts.map
