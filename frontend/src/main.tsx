import { render } from 'preact';
import { registerServiceWorker } from './sw-bridge';
import { startContentSync } from './sync/content';
import { startSync } from './sync/scheduler';
import { App } from './ui/App';
import { interceptLinks } from './ui/router';
import './ui/install';
import './ui/styles.css';

interceptLinks(document);
render(<App />, document.getElementById('app') as HTMLElement);
void startContentSync();
void startSync();
registerServiceWorker();
// Storage persistence is requested after the first completed lesson or saved reflection
// (store/actions.ts askToKeepData), when there is something worth keeping.
