import { observable } from '../store/observable';

/** Whether the browser believes it is online, from the online/offline events. */
export const online = observable(navigator.onLine);
window.addEventListener('online', () => online.set(true));
window.addEventListener('offline', () => online.set(false));
