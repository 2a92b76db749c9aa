// Forms that write to the ledger. The API is the one validator (forms are `novalidate`): its
// problem+json answer is shown where it belongs, each validation issue and each ledger rule on the
// field it names (`/summary/th` -> the Thai summary), anything else at the top of the form. Nothing
// is appended when the API refuses, and the form keeps what was typed.
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { ApiProblem } from '../api.js';
import { fill, useI18n } from '../i18n/i18n.js';
import { fieldOfPointer, generalProblem, issueMessages, networkProblem, ruleMessages } from '../i18n/problems.js';
import type { Text } from '../i18n/messages.js';
import { DateInput, YearReadNote, useYearRead } from './date-input.js';
import type { Pair } from './pairs.js';

export { optionalPair, pairLines, type Pair } from './pairs.js';

interface FieldErrors {
  readonly fields: Readonly<Record<string, Text>>;
  readonly form: readonly Text[];
}

interface FormContextValue {
  readonly id: string;
  readonly errors: FieldErrors;
  readonly registered: Set<string>;
}

const FormContext = createContext<FormContextValue | null>(null);
let forms = 0;

/** The field a problem belongs to among those the form shows (the longest registered prefix), or null. */
function fieldAmong(name: string, registered: ReadonlySet<string>): string | null {
  const parts = name.split('.');
  for (let n = parts.length; n > 0; n--) {
    const candidate = parts.slice(0, n).join('.');
    if (registered.has(candidate)) return candidate;
  }
  return null;
}

/**
 * `ruleFields`: where this form shows a ledger rule that problems.ts places on another field (agency_mismatch on
 * `convener`).
 */
export function errorsOf(
  problem: unknown,
  registered: ReadonlySet<string>,
  ruleFields: Readonly<Record<string, string>> = {},
): FieldErrors {
  if (!(problem instanceof ApiProblem)) return { fields: {}, form: [networkProblem] };
  const fields: Record<string, Text> = {};
  const form: Text[] = [];
  for (const issue of problem.errors) {
    const message = issueMessages[issue.code] ?? issueMessages['custom'] ?? generalProblem;
    const field = fieldAmong(fieldOfPointer(issue.pointer), registered);
    // The English view also says what the API said (its messages are English).
    const text = { th: message.th, en: issue.message === '' ? message.en : `${message.en} (${issue.message})` };
    if (field !== null && fields[field] === undefined) fields[field] = text;
    else if (field === null) form.push(text);
  }
  if (problem.errors.length === 0) {
    const rule = ruleMessages[problem.code];
    const text = rule ?? {
      th: fill(generalProblem.th, { code: problem.code }),
      en: fill(generalProblem.en, { code: problem.code }),
    };
    const wanted = ruleFields[problem.code] ?? rule?.field;
    const field = wanted === undefined ? null : fieldAmong(wanted, registered);
    if (field !== null) fields[field] = text;
    else form.push(text);
  }
  return { fields, form };
}

export interface Write {
  readonly busy: boolean;
  readonly done: boolean;
  /** Runs a write; shows its problem on the fields and resolves null, or resolves with its result. */
  submit<T>(send: () => Promise<T>): Promise<T | null>;
}

export function WriteForm({
  title,
  submitLabel,
  onSubmit,
  children,
  class: className,
  heading = true,
  ruleFields,
}: {
  /** Ledger rules this form shows on a field of its own (code -> field name). */
  ruleFields?: Readonly<Record<string, string>>;
  /** The form's name; without one, the submit label names the form. */
  title?: string;
  /** Show the name as a heading (not when a <summary> above already shows it). */
  heading?: boolean;
  submitLabel?: string;
  /** Builds and sends the write; returns its result (or null when it failed). */
  onSubmit: (write: Write) => Promise<unknown>;
  children: ComponentChildren;
  class?: string;
}) {
  const i18n = useI18n();
  const [errors, setErrors] = useState<FieldErrors>({ fields: {}, form: [] });
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const id = useRef(`f${++forms}`).current;
  const registered = useRef(new Set<string>()).current;
  const formRef = useRef<HTMLFormElement>(null);
  registered.clear();

  useEffect(() => {
    // Focus the first field in error (or the form's message) after a refused write.
    if (errors.form.length === 0 && Object.keys(errors.fields).length === 0) return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], .form-errors');
    target?.focus();
  }, [errors]);

  const write: Write = {
    busy,
    done,
    async submit<T>(send: () => Promise<T>): Promise<T | null> {
      setBusy(true);
      setDone(false);
      setErrors({ fields: {}, form: [] });
      try {
        const result = await send();
        setDone(true);
        return result;
      } catch (problem) {
        setErrors(errorsOf(problem, registered, ruleFields));
        return null;
      } finally {
        setBusy(false);
      }
    },
  };

  const headingId = `${id}-title`;
  return (
    <FormContext.Provider value={{ id, errors, registered }}>
      <form
        ref={formRef}
        class={`write-form ${className ?? ''}`}
        noValidate
        aria-labelledby={title !== undefined && heading ? headingId : undefined}
        aria-label={title === undefined ? submitLabel : heading ? undefined : title}
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy) void onSubmit(write);
        }}
      >
        {title === undefined || !heading ? null : <h3 id={headingId}>{title}</h3>}
        {errors.form.length > 0 || Object.keys(errors.fields).length > 0 ? (
          <div class="form-errors notice error" role="alert" tabIndex={-1}>
            <p>{i18n.t('formHasErrors')}</p>
            {errors.form.length > 0 ? (
              <ul>
                {errors.form.map((e, n) => (
                  <li key={n}>{i18n.text(e)}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {children}
        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? i18n.t('saving') : (submitLabel ?? i18n.t('save'))}
          </button>
          {done ? (
            <span class="notice ok" role="status">
              {i18n.t('saved')}
            </span>
          ) : null}
        </div>
      </form>
    </FormContext.Provider>
  );
}

function useField(name: string) {
  const ctx = useContext(FormContext);
  if (ctx === null) throw new Error('a field outside WriteForm');
  ctx.registered.add(name);
  const i18n = useI18n();
  const error = ctx.errors.fields[name];
  const id = `${ctx.id}-${name.replace(/[^A-Za-z0-9]/g, '-')}`;
  return {
    id,
    errorId: `${id}-error`,
    error: error === undefined ? null : i18n.text(error),
  };
}

function FieldError({ id, error }: { id: string; error: string | null }) {
  return error === null ? null : (
    <p id={id} class="field-error">
      {error}
    </p>
  );
}

interface ControlProps {
  name: string;
  label: string;
  hint?: string;
  value: string;
  onValue: (value: string) => void;
}

export function TextField({
  name,
  label,
  hint,
  value,
  onValue,
  multiline,
  type,
  lang,
  readOnly,
}: ControlProps & {
  multiline?: boolean;
  type?: 'text' | 'date' | 'number' | 'password';
  lang?: string;
  readOnly?: boolean;
}) {
  const f = useField(name);
  const [yearRead, setYearRead] = useYearRead();
  const hintId = `${f.id}-hint`;
  const described =
    [hint === undefined ? null : hintId, f.error === null ? null : f.errorId].filter((x) => x !== null).join(' ') ||
    undefined;
  const common = {
    id: f.id,
    name,
    value,
    lang,
    readOnly,
    'aria-invalid': f.error === null ? undefined : ('true' as const),
    'aria-describedby': described,
    onInput: (e: Event) => onValue((e.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class={`field ${f.error === null ? '' : 'invalid'}`}>
      <label for={f.id}>{label}</label>
      {hint === undefined ? null : (
        <p id={hintId} class="hint">
          {hint}
        </p>
      )}
      {multiline === true ? (
        <textarea rows={3} {...common} />
      ) : type === 'password' ? (
        <input type="password" autocomplete="off" {...common} />
      ) : type === 'date' ? (
        <>
          <DateInput
            id={f.id}
            name={name}
            value={value}
            onValue={onValue}
            onYearRead={setYearRead}
            aria-invalid={common['aria-invalid']}
            aria-describedby={described}
          />
          <YearReadNote read={yearRead} value={value} />
        </>
      ) : type === 'number' ? (
        <input type="number" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      <FieldError id={f.errorId} error={f.error} />
    </div>
  );
}

export function SelectField({
  name,
  label,
  value,
  onValue,
  options,
  placeholder,
}: ControlProps & { options: readonly { value: string; label: string }[]; placeholder?: string }) {
  const f = useField(name);
  return (
    <div class={`field ${f.error === null ? '' : 'invalid'}`}>
      <label for={f.id}>{label}</label>
      <select
        id={f.id}
        name={name}
        value={value}
        aria-invalid={f.error === null ? undefined : 'true'}
        aria-describedby={f.error === null ? undefined : f.errorId}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        {placeholder === undefined ? null : <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError id={f.errorId} error={f.error} />
    </div>
  );
}

/** A set of checkboxes; `value` is the chosen values. */
export function CheckboxesField({
  name,
  label,
  value,
  onValue,
  options,
}: {
  name: string;
  label: string;
  value: readonly string[];
  onValue: (v: string[]) => void;
  options: readonly { value: string; label: string; hint?: string }[];
}) {
  const f = useField(name);
  return (
    <fieldset
      class={`field checkboxes ${f.error === null ? '' : 'invalid'}`}
      aria-invalid={f.error === null ? undefined : 'true'}
      aria-describedby={f.error === null ? undefined : f.errorId}
      tabIndex={f.error === null ? undefined : -1}
    >
      <legend>{label}</legend>
      {options.map((o) => (
        <label key={o.value} class="check">
          <input
            type="checkbox"
            name={name}
            value={o.value}
            checked={value.includes(o.value)}
            onChange={(e) =>
              onValue(e.currentTarget.checked ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          />
          <span>{o.label}</span>
          {o.hint === undefined ? null : <span class="hint"> {o.hint}</span>}
        </label>
      ))}
      <FieldError id={f.errorId} error={f.error} />
    </fieldset>
  );
}

export function CheckboxField({
  name,
  label,
  checked,
  onValue,
}: {
  name: string;
  label: string;
  checked: boolean;
  onValue: (v: boolean) => void;
}) {
  const f = useField(name);
  return (
    <div class={`field ${f.error === null ? '' : 'invalid'}`}>
      <label class="check" for={f.id}>
        <input
          id={f.id}
          type="checkbox"
          name={name}
          checked={checked}
          aria-invalid={f.error === null ? undefined : 'true'}
          aria-describedby={f.error === null ? undefined : f.errorId}
          onChange={(e) => onValue(e.currentTarget.checked)}
        />
        <span>{label}</span>
      </label>
      <FieldError id={f.errorId} error={f.error} />
    </div>
  );
}

/** A text in both languages (summary, reason, ...): two fields, Thai first. */
export function BilingualField({
  name,
  label,
  value,
  onValue,
  multiline,
}: {
  name: string;
  label: string;
  value: Pair;
  onValue: (v: Pair) => void;
  multiline?: boolean;
}) {
  const i18n = useI18n();
  return (
    <fieldset class="bilingual">
      <legend>{label}</legend>
      <TextField
        name={`${name}.th`}
        label={i18n.t('thai')}
        lang="th"
        value={value.th}
        onValue={(th) => onValue({ ...value, th })}
        multiline={multiline ?? true}
      />
      <TextField
        name={`${name}.en`}
        label={i18n.t('english')}
        lang="en"
        value={value.en}
        onValue={(en) => onValue({ ...value, en })}
        multiline={multiline ?? true}
      />
    </fieldset>
  );
}

/** A list in both languages, one item per line (red lines, fallbacks, conditions). */
export function BilingualLinesField({
  name,
  label,
  value,
  onValue,
}: {
  name: string;
  label: string;
  value: Pair;
  onValue: (v: Pair) => void;
}) {
  const i18n = useI18n();
  return (
    <fieldset class="bilingual">
      <legend>{label}</legend>
      <TextField
        name={`${name}.th`}
        label={i18n.t('thai')}
        hint={i18n.t('onePerLine')}
        lang="th"
        value={value.th}
        onValue={(th) => onValue({ ...value, th })}
        multiline
      />
      <TextField
        name={`${name}.en`}
        label={i18n.t('english')}
        hint={i18n.t('onePerLine')}
        lang="en"
        value={value.en}
        onValue={(en) => onValue({ ...value, en })}
        multiline
      />
    </fieldset>
  );
}

/** A form behind its summary, drawn only once opened (a page that offers it reads nothing for it before). */
export function Disclosure({ summary, children }: { summary: string; children: () => ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open ? children() : null}
    </details>
  );
}
