// Every integration suite, in the order they run. Loaded after mocha has defined its globals.
import './activation.test';
import './directiveTree.test';
import './conversion.test';
import './annotation.test';
import './customEditor.test';
import './pipeline.test';
import './corpus.test';
