// The negotiators' forms for sessions and negotiations: schedule a session, register a negotiation
// and record its milestones (on the sessions page), move a session or record how it ended (on its
// brief). Each only for a principal the API would let write it (src/domain/roles.ts).
import { useState } from 'preact/hooks';
import vocabulary from 'ledger:vocabulary';
import { pagePath } from '../../pages.js';
import { apiWrite, type WriteResult } from '../api.js';
import { BilingualField, SelectField, TextField, WriteForm, optionalPair, type Pair } from '../components/form.js';
import { useI18n } from '../i18n/i18n.js';
import { touchesKind } from '../live.js';
import { navigate } from '../router.js';
import { useRead } from '../state.js';
import type { Process, ReadAnswer } from '../types.js';

const empty: Pair = { th: '', en: '' };

/** Every IANA time zone the browser knows, Bangkok first. */
function timeZones(): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return ['Asia/Bangkok', ...all.filter((z) => z !== 'Asia/Bangkok')];
}

export function ScheduleSessionForm() {
  const i18n = useI18n();
  const processes = useRead<ReadAnswer & { processes: Process[] }>('/v1/processes', {}, (e) =>
    touchesKind(e, 'process'),
  );
  const [processId, setProcessId] = useState('');
  const [sessionId, setSessionId] = useState('');
  const [number, setNumber] = useState('');
  const [title, setTitle] = useState<Pair>(empty);
  const [city, setCity] = useState('');
  const [place, setPlace] = useState('');
  const [country, setCountry] = useState('');
  const [timeZone, setTimeZone] = useState('Asia/Bangkok');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [format, setFormat] = useState('in-person');
  return (
    <WriteForm
      title={i18n.t('scheduleTitle')}
      heading={false}
      submitLabel={i18n.t('schedule')}
      class="schedule-form"
      onSubmit={async (write) => {
        const id = sessionId.trim();
        const result = await write.submit(() =>
          apiWrite('/v1/sessions', {
            sessionId: id,
            processId,
            ...(number.trim() === '' ? {} : { number: Number(number) }),
            title,
            venue: {
              city: city.trim(),
              timeZone,
              ...(place.trim() === '' ? {} : { place: place.trim() }),
              ...(country.trim() === '' ? {} : { country: country.trim() }),
            },
            from,
            to,
            format,
          }),
        );
        if (result !== null) navigate(pagePath('brief', { sessionId: id }));
      }}
    >
      <SelectField
        name="processId"
        label={i18n.t('process')}
        value={processId}
        onValue={setProcessId}
        placeholder={i18n.t('choose')}
        options={(processes.data?.processes ?? []).map((p) => ({ value: p.processId, label: i18n.text(p.title) }))}
      />
      <TextField
        name="sessionId"
        label={i18n.t('sessionIdField')}
        hint={i18n.t('sessionIdHint', { example: 'ahc-7' })}
        value={sessionId}
        onValue={setSessionId}
      />
      <TextField
        name="number"
        type="number"
        label={`${i18n.t('sessionNumber')} ${i18n.t('optional')}`}
        value={number}
        onValue={setNumber}
      />
      <BilingualField name="title" label={i18n.t('sessionTitle')} value={title} onValue={setTitle} multiline={false} />
      <TextField name="venue.city" label={i18n.t('city')} value={city} onValue={setCity} />
      <TextField
        name="venue.place"
        label={`${i18n.t('place')} ${i18n.t('optional')}`}
        value={place}
        onValue={setPlace}
      />
      <TextField
        name="venue.country"
        label={`${i18n.t('country')} ${i18n.t('optional')}`}
        value={country}
        onValue={setCountry}
      />
      <SelectField
        name="venue.timeZone"
        label={i18n.t('timeZone')}
        value={timeZone}
        onValue={setTimeZone}
        options={timeZones().map((z) => ({ value: z, label: z }))}
      />
      <TextField name="from" type="date" label={i18n.t('fromDate')} value={from} onValue={setFrom} />
      <TextField name="to" type="date" label={i18n.t('toDate')} value={to} onValue={setTo} />
      <SelectField
        name="format"
        label={i18n.t('format')}
        value={format}
        onValue={setFormat}
        options={i18n.options('format', vocabulary.formats)}
      />
    </WriteForm>
  );
}

export function RescheduleForm({ sessionId, onWritten }: { sessionId: string; onWritten: (r: WriteResult) => void }) {
  const i18n = useI18n();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState<Pair>(empty);
  return (
    <WriteForm
      title={i18n.t('rescheduleTitle')}
      heading={false}
      submitLabel={i18n.t('reschedule')}
      class="reschedule-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/sessions/${encodeURIComponent(sessionId)}/reschedule`, {
            from,
            to,
            ...(optionalPair(reason) === undefined ? {} : { reason }),
          }),
        );
        if (result !== null) onWritten(result);
      }}
    >
      <TextField name="from" type="date" label={i18n.t('fromDate')} value={from} onValue={setFrom} />
      <TextField name="to" type="date" label={i18n.t('toDate')} value={to} onValue={setTo} />
      <BilingualField
        name="reason"
        label={`${i18n.t('reason')} ${i18n.t('optional')}`}
        value={reason}
        onValue={setReason}
      />
    </WriteForm>
  );
}

export function ConcludeForm({ sessionId, onWritten }: { sessionId: string; onWritten: (r: WriteResult) => void }) {
  const i18n = useI18n();
  const [on, setOn] = useState('');
  const [result, setResult] = useState('');
  const [summary, setSummary] = useState<Pair>(empty);
  return (
    <WriteForm
      title={i18n.t('concludeTitle')}
      heading={false}
      submitLabel={i18n.t('conclude')}
      class="conclude-form"
      onSubmit={async (write) => {
        const written = await write.submit(() =>
          apiWrite(`/v1/sessions/${encodeURIComponent(sessionId)}/conclude`, {
            on,
            result,
            ...(optionalPair(summary) === undefined ? {} : { summary }),
          }),
        );
        if (written !== null) onWritten(written);
      }}
    >
      <TextField name="on" type="date" label={i18n.t('concludedOn')} value={on} onValue={setOn} />
      <SelectField
        name="result"
        label={i18n.t('sessionResultField')}
        value={result}
        onValue={setResult}
        placeholder={i18n.t('choose')}
        options={i18n.options('sessionResult', Object.keys(vocabulary.labels.sessionResult))}
      />
      <BilingualField
        name="summary"
        label={`${i18n.t('summary')} ${i18n.t('optional')}`}
        value={summary}
        onValue={setSummary}
      />
    </WriteForm>
  );
}

/** Register a negotiation process (the AHC, the OEWG, a partnership, ...). */
export function RegisterProcessForm() {
  const i18n = useI18n();
  const [processId, setProcessId] = useState('');
  const [kind, setKind] = useState('');
  const [title, setTitle] = useState<Pair>(empty);
  const [forum, setForum] = useState('');
  const [mandate, setMandate] = useState('');
  const [startedOn, setStartedOn] = useState('');
  return (
    <WriteForm
      title={i18n.t('registerProcessTitle')}
      heading={false}
      submitLabel={i18n.t('register')}
      class="register-process-form"
      onSubmit={async (write) => {
        const id = processId.trim();
        const result = await write.submit(() =>
          apiWrite('/v1/processes', {
            processId: id,
            kind,
            title,
            forum: forum.trim(),
            mandate: mandate
              .split(',')
              .map((m) => m.trim())
              .filter((m) => m !== ''),
            ...(startedOn === '' ? {} : { startedOn }),
          }),
        );
        if (result !== null) navigate(`${pagePath('briefs')}?processId=${encodeURIComponent(id)}`);
      }}
    >
      <TextField
        name="processId"
        label={i18n.t('processIdField')}
        hint={i18n.t('processIdHint', { example: 'oewg-2026' })}
        value={processId}
        onValue={setProcessId}
      />
      <SelectField
        name="kind"
        label={i18n.t('processKindField')}
        value={kind}
        onValue={setKind}
        placeholder={i18n.t('choose')}
        options={i18n.options('processKind', Object.keys(vocabulary.labels.processKind))}
      />
      <BilingualField name="title" label={i18n.t('processTitle')} value={title} onValue={setTitle} multiline={false} />
      <TextField name="forum" label={i18n.t('forum')} value={forum} onValue={setForum} />
      <TextField
        name="mandate"
        label={`${i18n.t('mandate')} ${i18n.t('optional')}`}
        hint={i18n.t('commaSeparated')}
        value={mandate}
        onValue={setMandate}
      />
      <TextField
        name="startedOn"
        type="date"
        label={`${i18n.t('startedOn')} ${i18n.t('optional')}`}
        value={startedOn}
        onValue={setStartedOn}
      />
    </WriteForm>
  );
}

/** Record a milestone of a negotiation (mandate adopted, signed, ratified, ...). */
export function MilestoneForm({ processId, onWritten }: { processId: string; onWritten?: (r: WriteResult) => void }) {
  const i18n = useI18n();
  const [milestone, setMilestone] = useState('');
  const [on, setOn] = useState('');
  const [place, setPlace] = useState('');
  const [reference, setReference] = useState('');
  return (
    <WriteForm
      title={i18n.t('milestoneTitle')}
      heading={false}
      class="milestone-form"
      onSubmit={async (write) => {
        const result = await write.submit(() =>
          apiWrite(`/v1/processes/${encodeURIComponent(processId)}/milestones`, {
            milestone,
            on,
            ...(place.trim() === '' ? {} : { place: place.trim() }),
            ...(reference.trim() === '' ? {} : { reference: reference.trim() }),
          }),
        );
        if (result !== null) onWritten?.(result);
      }}
    >
      <SelectField
        name="milestone"
        label={i18n.t('milestoneField')}
        value={milestone}
        onValue={setMilestone}
        placeholder={i18n.t('choose')}
        options={i18n.options('milestone', Object.keys(vocabulary.labels.milestone))}
      />
      <TextField name="on" type="date" label={i18n.t('milestoneOn')} value={on} onValue={setOn} />
      <TextField name="place" label={`${i18n.t('place')} ${i18n.t('optional')}`} value={place} onValue={setPlace} />
      <TextField
        name="reference"
        label={`${i18n.t('reference')} ${i18n.t('optional')}`}
        value={reference}
        onValue={setReference}
      />
    </WriteForm>
  );
}
