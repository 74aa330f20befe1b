// A wall clock with sub-millisecond resolution that agrees across processes on one machine:
// senders write it into messages, receivers subtract it.
import { setTimeout } from 'node:timers';
import { performance } from 'node:perf_hooks';

export const wallNow = () => performance.timeOrigin + performance.now();
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
