/** Entry of the panel page inside the iframe. */
import './panel.css';
import { startPanel } from './start-panel';

const mount = document.getElementById('parley-panel');
if (mount) void startPanel(window, mount);
