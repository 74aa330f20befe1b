/** Entry of widget.js: the snippet's script runs this once on the host page. */
import { bootParley } from './loader';

bootParley(window);
