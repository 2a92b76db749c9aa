// Commands the decider tests start from.
import type { CommandInputOf, LedgerCommandInput, Stance } from '../../contracts/index.js';

export const CONSULTATION = '6f1c2a34-7d1e-4b8a-9c3d-2e5f6a7b8c9d';
export const bi = (en: string, th = `${en} (ไทย)`) => ({ th, en });

export const registerProcess = {
  type: 'RegisterProcess',
  processId: 'ahc',
  kind: 'treaty-negotiation',
  title: bi('Ad Hoc Committee on cybercrime'),
  forum: 'UN General Assembly',
  mandate: ['A/RES/74/247'],
} satisfies LedgerCommandInput;

export const scheduleSession = {
  type: 'ScheduleSession',
  sessionId: 'ahc-1',
  processId: 'ahc',
  number: 1,
  title: bi('First session'),
  venue: { city: 'New York', timeZone: 'America/New_York' },
  from: '2022-02-28',
  to: '2022-03-11',
} satisfies LedgerCommandInput;

export const registerIssue = {
  type: 'RegisterIssue',
  issueId: 'scope',
  processId: 'ahc',
  code: 'AHC-SCOPE',
  title: bi('Title and scope'),
  refs: { chapter: 'I', articles: ['1', '2', '3', '4'] },
} satisfies LedgerCommandInput;

export const convene = {
  type: 'ConveneConsultation',
  consultationId: CONSULTATION,
  title: bi('Preparation for AHC session 1'),
  heldOn: '๒๘ ธันวาคม ๒๕๖๔',
  convener: 'MFA',
  participants: ['MFA', 'OAG', 'RTP', 'NSC'],
  agenda: ['scope', 'offences'],
} satisfies LedgerCommandInput;

export const oagView = {
  type: 'RecordAgencyView',
  consultationId: CONSULTATION,
  issueId: 'scope',
  agency: 'OAG',
  stance: 'listening',
  summary: bi('Listen first'),
} satisfies LedgerCommandInput;

export const consensus = {
  type: 'RecordConsultationOutcome',
  consultationId: CONSULTATION,
  issueId: 'scope',
  outcome: 'consensus',
  recommendedStance: 'listening',
  summary: bi('Listen at session 1'),
  supporting: ['MFA', 'OAG'],
} satisfies LedgerCommandInput;

export const closeConsultation = {
  type: 'CloseConsultation',
  consultationId: CONSULTATION,
  on: '2021-12-30',
} satisfies LedgerCommandInput;

export const draft = (
  stance: Stance = 'support',
  extra: Partial<CommandInputOf<'DraftPosition'>> = {},
): CommandInputOf<'DraftPosition'> => ({
  type: 'DraftPosition',
  issueId: 'scope',
  stance,
  summary: bi(`Position: ${stance}`),
  ...extra,
});

export const endorse = (
  version: number,
  authority: 'interagency' | 'mfa' | 'cabinet',
  decidedOn = '2024-01-23',
): CommandInputOf<'EndorsePosition'> => ({
  type: 'EndorsePosition',
  issueId: 'scope',
  version,
  authority,
  decisionRef: `decision ${version}`,
  decidedOn,
});

export const retract = (
  kind: 'process' | 'session' | 'issue' | 'consultation' | 'position',
  streamId: string,
  targetEventId: string,
  reinstate = false,
): CommandInputOf<'RetractEntry'> => ({
  type: 'RetractEntry',
  stream: { kind, id: streamId },
  targetEventId,
  reason: bi('entered by mistake'),
  reinstate,
});
