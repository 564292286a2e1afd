// Writes the lifecycle diagram, generated from the machine, into the package README between its markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { README_DIAGRAM_END, README_DIAGRAM_START, withDiagram } from '../src/lifecycle/readmeDiagram';

const readme = join(import.meta.dirname, '..', 'README.md');
writeFileSync(readme, withDiagram(readFileSync(readme, 'utf8')));
console.log(`lifecycle diagram written into ${readme} between ${README_DIAGRAM_START} and ${README_DIAGRAM_END}`);
