import { render } from 'preact';
import { registerServiceWorker } from './sw-bridge';
import { startContentSync } from './sync/content';
import { App } from './ui/App';
import { interceptLinks } from './ui/router';
import './ui/install';
import './ui/styles.css';

interceptLinks(document);
render(<App />, document.getElementById('app') as HTMLElement);
void startContentSync();
registerServiceWorker();

// Ask the browser to keep the offline content even under storage pressure (granted silently
// by some browsers for installed apps; a no-op elsewhere).
void navigator.storage?.persist?.().catch(() => false);
