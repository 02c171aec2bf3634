/**
 * The ribbon's function file (manifest FunctionFile). Both PAC buttons open the task pane
 * ("Vérifier" opens it with ?action=check), so this page only has to let Office.js initialise.
 */
import { officeReady } from './excel-host.ts';

void officeReady();
