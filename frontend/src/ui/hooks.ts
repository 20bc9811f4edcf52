import { useEffect, useState } from 'preact/hooks';
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
