// One zod schema per command. HTTP request bodies reuse these (see commandBodies: the same objects
// without `type`). Objects are strict: an unknown field is an error, never silently dropped.
import { z } from 'zod';
import { Bilingual, Reference, ShortText, Slug } from './text.js';
import { Agency } from './principal.js';
import { Classification } from './classification.js';
import { DateInput } from './dates.js';
import { StreamKind } from './streams.js';
import {
  Authority,
  ConsultationOutcomeKind,
  DraftTextStatus,
  FinalTextResult,
  Flexibility,
  MeetingFormat,
  Milestone,
  FollowUpStatus,
  ProcessKind,
  SessionResult,
  Stance,
  Urgency,
} from './enums.js';
import { ClassifiedPointsInput, ConsultationId, EventId } from './events/common.js';
import { FollowUp, FollowUpArea, TextRefs, Venue } from './events/index.js';

const uniqueAgencies = z
  .array(Agency)
  .max(30)
  .refine((list) => new Set(list).size === list.length, 'an agency may appear only once');

export const commandBodies = {
  // ---- process ----
  RegisterProcess: z.strictObject({
    processId: Slug,
    kind: ProcessKind,
    title: Bilingual,
    forum: ShortText,
    mandate: z.array(Reference).max(20).default([]),
    leadAgency: Agency.default('MFA'),
    startedOn: DateInput.optional(),
    note: Bilingual.optional(),
  }),
  RecordMilestone: z.strictObject({
    processId: Slug,
    milestone: Milestone,
    on: DateInput,
    place: ShortText.optional(),
    reference: Reference.optional(),
    note: Bilingual.optional(),
    uncertain: z.boolean().default(false),
  }),
  // ---- session ----
  ScheduleSession: z.strictObject({
    sessionId: Slug,
    processId: Slug,
    number: z.int().min(1).max(999).optional(),
    title: Bilingual,
    venue: Venue,
    from: DateInput,
    to: DateInput,
    format: MeetingFormat.default('in-person'),
    note: Bilingual.optional(),
  }),
  RescheduleSession: z.strictObject({
    sessionId: Slug,
    from: DateInput,
    to: DateInput,
    venue: Venue.optional(), // unchanged when absent
    reason: Bilingual.optional(),
  }),
  ConcludeSession: z.strictObject({
    sessionId: Slug,
    on: DateInput,
    result: SessionResult,
    summary: Bilingual.optional(),
    uncertain: z.boolean().default(false),
  }),
  // ---- issue ----
  RegisterIssue: z.strictObject({
    issueId: Slug,
    processId: Slug,
    code: z
      .string()
      .regex(/^[A-Z0-9][A-Z0-9.-]*$/, 'upper-case letters, digits, dots and dashes')
      .max(40),
    title: Bilingual,
    description: Bilingual.optional(),
    refs: TextRefs.default({ articles: [] }),
  }),
  RetitleIssue: z.strictObject({
    issueId: Slug,
    title: Bilingual,
    reason: Bilingual.optional(),
  }),
  ChangeDraftTextStatus: z.strictObject({
    issueId: Slug,
    status: DraftTextStatus,
    on: DateInput,
    sessionId: Slug.optional(),
    note: Bilingual.optional(),
  }),
  CloseIssue: z.strictObject({
    issueId: Slug,
    on: DateInput,
    reason: Bilingual,
  }),
  RecordFollowUp: z.strictObject({
    issueId: Slug,
    followUpId: Slug,
    area: FollowUpArea.optional(),
    action: Bilingual,
    owner: Agency.optional(),
    due: DateInput.optional(),
    reference: Reference.optional(),
  }),
  ChangeFollowUpStatus: z.strictObject({
    issueId: Slug,
    followUpId: Slug,
    status: FollowUpStatus,
    on: DateInput,
    note: Bilingual.optional(),
  }),
  // ---- consultation ----
  ConveneConsultation: z.strictObject({
    consultationId: ConsultationId,
    processId: Slug.optional(),
    title: Bilingual,
    heldOn: DateInput,
    convener: Agency,
    format: MeetingFormat.default('in-person'),
    participants: uniqueAgencies.min(1),
    agenda: z
      .array(Slug)
      .min(1)
      .max(100)
      .refine((l) => new Set(l).size === l.length, 'an issue may appear only once'),
    documentRef: Reference.optional(),
    urgency: Urgency.default('normal'),
    classification: Classification.default('unclassified'),
    note: Bilingual.optional(),
  }),
  RecordAgencyView: z.strictObject({
    consultationId: ConsultationId,
    issueId: Slug,
    agency: Agency,
    stance: Stance,
    summary: Bilingual,
    conditions: ClassifiedPointsInput.optional(),
    domesticLawRefs: z.array(ShortText).max(30).default([]),
  }),
  RecordConsultationOutcome: z.strictObject({
    consultationId: ConsultationId,
    issueId: Slug,
    outcome: ConsultationOutcomeKind,
    recommendedStance: Stance.optional(),
    summary: Bilingual,
    supporting: uniqueAgencies.default([]),
    dissenting: uniqueAgencies.default([]),
    followUps: z
      .array(FollowUp.extend({ due: DateInput.optional() }))
      .max(50)
      .default([]),
  }),
  CloseConsultation: z.strictObject({
    consultationId: ConsultationId,
    on: DateInput,
    minutesRef: Reference.optional(),
    minutesDigest: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'sha-256, lower-case hex')
      .optional(),
  }),
  // ---- position ----
  DraftPosition: z.strictObject({
    issueId: Slug,
    stance: Stance,
    summary: Bilingual,
    rationale: Bilingual.optional(),
    flexibility: Flexibility.default('medium'),
    redLines: ClassifiedPointsInput.default({ level: 'confidential', value: [] }),
    fallbacks: ClassifiedPointsInput.default({ level: 'confidential', value: [] }),
    allies: z.array(ShortText).max(100).default([]),
    basis: z
      .strictObject({
        consultationIds: z.array(ConsultationId).max(50).default([]),
        eventIds: z.array(EventId).max(200).default([]),
        note: Bilingual.optional(),
      })
      .default({ consultationIds: [], eventIds: [] }),
    /** A change of substance (stance, red lines, scope) as opposed to wording. The first version always is. */
    substantive: z.boolean().default(true),
  }),
  EndorsePosition: z.strictObject({
    issueId: Slug,
    version: z.int().min(1),
    authority: Authority,
    decisionRef: Reference,
    decidedOn: DateInput,
    effectiveFrom: DateInput.optional(), // defaults to decidedOn
  }),
  WithdrawPosition: z.strictObject({
    issueId: Slug,
    version: z.int().min(1),
    reason: Bilingual,
    decisionRef: Reference.optional(),
    effectiveFrom: DateInput.optional(), // defaults to the day the command is issued (Bangkok)
  }),
  RecordStatement: z.strictObject({
    issueId: Slug,
    sessionId: Slug,
    deliveredOn: DateInput,
    version: z.int().min(1).optional(), // defaults to the version in force
    summary: Bilingual,
    deliveredBy: ShortText.optional(),
  }),
  RecordPositionOutcome: z.strictObject({
    issueId: Slug,
    result: FinalTextResult,
    article: ShortText.optional(),
    textRef: Reference.optional(),
    note: Bilingual.optional(),
  }),
  // ---- any stream ----
  RetractEntry: z.strictObject({
    stream: z.strictObject({
      kind: StreamKind,
      id: z
        .string()
        .trim()
        .toLowerCase()
        .max(80)
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'a slug or a UUID'),
    }),
    targetEventId: EventId,
    reason: Bilingual,
    /** Must be true to retract a retraction (which puts the original entry back in effect). */
    reinstate: z.boolean().default(false),
  }),
} as const;

export type CommandType = keyof typeof commandBodies;
export const COMMAND_TYPES = Object.keys(commandBodies) as CommandType[];

/**
 * The calendar dates each command carries (paths: dot-separated, `[]` for arrays). The ledger refuses a
 * command dating anything more than MAX_YEARS_AHEAD after the day it is sent (ADR 0021); a test checks
 * this list against every date field of the schemas.
 */
export const commandDateFields: Readonly<Record<CommandType, readonly string[]>> = {
  RegisterProcess: ['startedOn'],
  RecordMilestone: ['on'],
  ScheduleSession: ['from', 'to'],
  RescheduleSession: ['from', 'to'],
  ConcludeSession: ['on'],
  RegisterIssue: [],
  RetitleIssue: [],
  ChangeDraftTextStatus: ['on'],
  CloseIssue: ['on'],
  RecordFollowUp: ['due'],
  ChangeFollowUpStatus: ['on'],
  ConveneConsultation: ['heldOn'],
  RecordAgencyView: [],
  RecordConsultationOutcome: ['followUps[].due'],
  CloseConsultation: ['on'],
  DraftPosition: [],
  EndorsePosition: ['decidedOn', 'effectiveFrom'],
  WithdrawPosition: ['effectiveFrom'],
  RecordStatement: ['deliveredOn'],
  RecordPositionOutcome: [],
  RetractEntry: [],
};

export const commandSchemas = {
  RegisterProcess: commandBodies.RegisterProcess.extend({ type: z.literal('RegisterProcess') }),
  RecordMilestone: commandBodies.RecordMilestone.extend({ type: z.literal('RecordMilestone') }),
  ScheduleSession: commandBodies.ScheduleSession.extend({ type: z.literal('ScheduleSession') }),
  RescheduleSession: commandBodies.RescheduleSession.extend({ type: z.literal('RescheduleSession') }),
  ConcludeSession: commandBodies.ConcludeSession.extend({ type: z.literal('ConcludeSession') }),
  RegisterIssue: commandBodies.RegisterIssue.extend({ type: z.literal('RegisterIssue') }),
  RetitleIssue: commandBodies.RetitleIssue.extend({ type: z.literal('RetitleIssue') }),
  ChangeDraftTextStatus: commandBodies.ChangeDraftTextStatus.extend({ type: z.literal('ChangeDraftTextStatus') }),
  CloseIssue: commandBodies.CloseIssue.extend({ type: z.literal('CloseIssue') }),
  RecordFollowUp: commandBodies.RecordFollowUp.extend({ type: z.literal('RecordFollowUp') }),
  ChangeFollowUpStatus: commandBodies.ChangeFollowUpStatus.extend({ type: z.literal('ChangeFollowUpStatus') }),
  ConveneConsultation: commandBodies.ConveneConsultation.extend({ type: z.literal('ConveneConsultation') }),
  RecordAgencyView: commandBodies.RecordAgencyView.extend({ type: z.literal('RecordAgencyView') }),
  RecordConsultationOutcome: commandBodies.RecordConsultationOutcome.extend({
    type: z.literal('RecordConsultationOutcome'),
  }),
  CloseConsultation: commandBodies.CloseConsultation.extend({ type: z.literal('CloseConsultation') }),
  DraftPosition: commandBodies.DraftPosition.extend({ type: z.literal('DraftPosition') }),
  EndorsePosition: commandBodies.EndorsePosition.extend({ type: z.literal('EndorsePosition') }),
  WithdrawPosition: commandBodies.WithdrawPosition.extend({ type: z.literal('WithdrawPosition') }),
  RecordStatement: commandBodies.RecordStatement.extend({ type: z.literal('RecordStatement') }),
  RecordPositionOutcome: commandBodies.RecordPositionOutcome.extend({ type: z.literal('RecordPositionOutcome') }),
  RetractEntry: commandBodies.RetractEntry.extend({ type: z.literal('RetractEntry') }),
} as const;

/** Any command, discriminated by `type`. Parse with LedgerCommand.parse(...) at the edge. */
export const LedgerCommand = z.discriminatedUnion('type', [
  commandSchemas.RegisterProcess,
  commandSchemas.RecordMilestone,
  commandSchemas.ScheduleSession,
  commandSchemas.RescheduleSession,
  commandSchemas.ConcludeSession,
  commandSchemas.RegisterIssue,
  commandSchemas.RetitleIssue,
  commandSchemas.ChangeDraftTextStatus,
  commandSchemas.CloseIssue,
  commandSchemas.RecordFollowUp,
  commandSchemas.ChangeFollowUpStatus,
  commandSchemas.ConveneConsultation,
  commandSchemas.RecordAgencyView,
  commandSchemas.RecordConsultationOutcome,
  commandSchemas.CloseConsultation,
  commandSchemas.DraftPosition,
  commandSchemas.EndorsePosition,
  commandSchemas.WithdrawPosition,
  commandSchemas.RecordStatement,
  commandSchemas.RecordPositionOutcome,
  commandSchemas.RetractEntry,
]);
/** A parsed (output) command: defaults applied, dates in ISO. */
export type LedgerCommand = z.infer<typeof LedgerCommand>;
/** What a client may send (before defaults and date parsing). */
export type LedgerCommandInput = z.input<typeof LedgerCommand>;
export type CommandOf<T extends CommandType> = Extract<LedgerCommand, { type: T }>;
export type CommandInputOf<T extends CommandType> = Extract<LedgerCommandInput, { type: T }>;
