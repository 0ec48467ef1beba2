// The report a funder gets (/funder-report/:reportId): an interim or final report laid out as the
// funders' forms are, printable on A4, in Swedish (English on request: ?lang=en or the switch).
import { startFunderReport } from './funderReport/page.ts';

startFunderReport();
