export const DAY_SECONDS = 24 * 3600;
