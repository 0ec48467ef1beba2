// The administrators' pages at /admin: sign in with a token, projects and their areas and
// settings, questionnaires (built-in template or SurveyJS JSON, previewed), baseline and
// follow-up rounds, live response counts, invitation codes with letters, evaluator access.
import { start } from './admin/app.ts';

start();
