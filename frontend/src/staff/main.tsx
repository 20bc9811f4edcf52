/**
 * The practice staff app (served at /staff from staff.html). A page of its own: it shares no
 * code with the client PWA's bundle beyond Preact, registers no service worker and keeps nothing
 * offline; the client's service worker neither precaches it nor answers its navigations.
 */
import { render } from 'preact';
import { App } from './App';
import { interceptLinks } from './router';
import './staff.css';

interceptLinks(document);
render(<App />, document.getElementById('app') as HTMLElement);
