/** Entry of the panel page inside the iframe. */
import styles from './panel.css?inline';
import { adoptStyles } from './adopt-styles';
import { startPanel } from './start-panel';

// The styles travel inside this chunk: one request fewer before the panel can show.
adoptStyles(document, styles);
const mount = document.getElementById('parley-panel');
if (mount) void startPanel(window, mount);
