// The zone every deadline is counted in and every time is shown in. On its own so that code which
// runs in the browser can name it without importing lib/time.ts and its date library.
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
