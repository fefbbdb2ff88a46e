import { randomBytes } from 'node:crypto';

/** A 32-hex-digit ID, the shape of Alibaba's job, media and project IDs. */
export const newId = (): string => randomBytes(16).toString('hex');
