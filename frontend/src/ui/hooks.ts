import { useEffect, useState } from 'preact/hooks';
import { deviceTimeZone, localDate } from '../store/dates';
import type { Observable } from '../store/observable';

/** The observable's current value; re-renders the component when it changes. */
export function useObservable<T>(source: Observable<T>): T {
  const [value, setValue] = useState(source.get);
  useEffect(() => {
    setValue(() => source.get());
    return source.subscribe((next) => setValue(() => next));
  }, [source]);
  return value;
}

/** Sets the document title while the screen is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title === 'Attune' ? title : `${title} · Attune`;
  }, [title]);
}

/** This phone's local date, kept current past midnight and when the app returns. */
export function useToday(): string {
  const [today, setToday] = useState(() => localDate(deviceTimeZone()));
  useEffect(() => {
    const check = (): void => setToday(localDate(deviceTimeZone()));
    const timer = setInterval(check, 60_000);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, []);
  return today;
}
