// What is wrong with a document or a submission, collected up to MAX_ERRORS as field errors.
import type * as z from 'zod';
import type { FieldError } from '../language.ts';
import { MAX_ERRORS } from './limits.ts';

export class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push({ field, message });
  }
  get full(): boolean {
    return this.list.length >= MAX_ERRORS;
  }
  addIssues(base: string, issues: readonly z.core.$ZodIssue[]): void {
    for (const issue of issues) this.add(fieldOf(base, issue.path), issue.message);
  }
}

function fieldOf(base: string, path: readonly PropertyKey[]): string {
  let field = base;
  for (const key of path)
    field += typeof key === 'number' ? `[${key}]` : field === '' ? String(key) : `.${String(key)}`;
  return field;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
