// Interagency consultations: convened, each agency's view, the outcome per issue, closed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { v5 as uuidv5 } from 'uuid';
import { commandBodies, ConsultationId } from '../../../../contracts/index.js';
import { NoParams, writeRoute } from './write-route.js';

const tag = 'consultations';
const ConsultationParams = z.object({ consultationId: ConsultationId });
const consultationUrl = (c: { consultationId: string }): string => `/v1/consultations/${c.consultationId}`;

/** Namespace of the consultation ids the API derives from an Idempotency-Key (uuid v5). */
const CONSULTATION_ID_NAMESPACE = '3f7c9a52-6a41-4f0e-9d0c-2b8e5d1c7a90';

/** The caller may choose the id; otherwise it follows from principal and Idempotency-Key, so a retry names the same consultation. */
const ConveneBody = commandBodies.ConveneConsultation.extend({
  consultationId: ConsultationId.optional().describe('A UUID; when omitted, derived from the Idempotency-Key'),
});

export async function consultationWrites(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  const convene = writeRoute(app, 'ConveneConsultation', {
    summary: 'Convene an interagency consultation',
    description:
      'The convener is your own agency and must be among the participants. `agenda` lists issue ids registered with POST /v1/issues. ' +
      'The new consultation is in the Location header (and streamName); send views and outcomes to it.',
    tag,
    params: NoParams,
    body: ConveneBody,
    example: { title: { th: 'ประชุมหารือเรื่องเขตอำนาจ', en: 'Consultation on jurisdiction' }, heldOn: '๒๕ พฤศจิกายน ๒๕๖๙', convener: 'MFA', participants: ['MFA', 'OAG', 'RTP', 'NCSA'], agenda: ['ahc-jurisdiction'] },
  });
  typed.post('/consultations', convene.options, (request, reply) =>
    convene.execute(
      request,
      reply,
      ({ principal, key }) => ({
        type: 'ConveneConsultation',
        ...request.body,
        consultationId: request.body.consultationId ?? uuidv5(`${principal.id}\u0000${key}`, CONSULTATION_ID_NAMESPACE),
      }),
      consultationUrl,
    ),
  );

  const view = writeRoute(app, 'RecordAgencyView', {
    summary: "Record an agency's view on an agenda issue",
    description: "An agency officer records only their own agency's view; negotiators may transcribe any participant's.",
    tag,
    params: ConsultationParams,
    body: commandBodies.RecordAgencyView.omit({ consultationId: true }),
    example: { issueId: 'ahc-jurisdiction', agency: 'OAG', stance: 'support-with-amendments', summary: { th: 'สนับสนุนเขตอำนาจตามหลักดินแดน', en: 'Supports territorial jurisdiction' }, conditions: { level: 'confidential', value: [{ th: 'ต้องสอดคล้องกับประมวลกฎหมายอาญา มาตรา ๔', en: 'Must fit Criminal Code section 4' }] }, domesticLawRefs: ['Computer Crime Act B.E. 2550'] },
  });
  typed.post('/consultations/:consultationId/views', view.options, (request, reply) =>
    view.execute(
      request,
      reply,
      () => ({ type: 'RecordAgencyView', consultationId: request.params.consultationId, ...request.body }),
      consultationUrl,
    ),
  );

  const outcome = writeRoute(app, 'RecordConsultationOutcome', {
    summary: 'Record the outcome of a consultation on an agenda issue',
    description:
      "Recorded by an agency officer of the convening agency, or by a negotiator; once per agenda issue. `supporting` and `dissenting` name participants; a consensus has no dissent.",
    tag,
    params: ConsultationParams,
    body: commandBodies.RecordConsultationOutcome.omit({ consultationId: true }),
    example: { issueId: 'ahc-jurisdiction', outcome: 'consensus', recommendedStance: 'support', summary: { th: 'ที่ประชุมเห็นพ้องให้สนับสนุน', en: 'Consensus to support' }, supporting: ['MFA', 'OAG', 'RTP', 'NCSA'], followUps: [{ id: 'liaison-channel', action: { th: 'เสนอช่องทางประสานงาน', en: 'Propose a liaison channel' }, owner: 'RTP', due: '2026-12-15' }] },
  });
  typed.post('/consultations/:consultationId/outcomes', outcome.options, (request, reply) =>
    outcome.execute(
      request,
      reply,
      () => ({ type: 'RecordConsultationOutcome', consultationId: request.params.consultationId, ...request.body }),
      consultationUrl,
    ),
  );

  const close = writeRoute(app, 'CloseConsultation', {
    summary: 'Close a consultation; nothing more can be recorded in it',
    tag,
    params: ConsultationParams,
    body: commandBodies.CloseConsultation.omit({ consultationId: true }),
    example: { on: '2026-11-25', minutesRef: 'กต 0803/1233' },
  });
  typed.post('/consultations/:consultationId/close', close.options, (request, reply) =>
    close.execute(
      request,
      reply,
      () => ({ type: 'CloseConsultation', consultationId: request.params.consultationId, ...request.body }),
      consultationUrl,
    ),
  );
}
