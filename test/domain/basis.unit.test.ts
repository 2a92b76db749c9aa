// What a draft may rest on, decided from the folded consultation and position streams, with no store.
import t from 'tap';
import { checkBasis, type BasisSources } from '../../src/domain/basis.js';
import { consultationDecider } from '../../src/domain/consultation.js';
import { positionDecider } from '../../src/domain/position.js';
import { LedgerCommand, type LedgerCommandInput } from '../../contracts/index.js';
import { DomainError, decideOn, fold, type RecordedEvent } from '../../src/domain/index.js';
import { CONSULTATION, consensus, convene, draft, oagView, retract } from './fixtures.js';
import { NOW, actors, history, id } from './spec.js';

/**
 * Like spec.ts history(), with ids from 101 on, so position entries never share an id with the consultation's 1, 2, ...
 */
function positionHistory(...commands: LedgerCommandInput[]): RecordedEvent[] {
  const recorded: RecordedEvent[] = [];
  for (const command of commands) {
    for (const event of decideOn(
      { ...LedgerCommand.parse(command), context: { actor: actors.admin, now: NOW, coordinatingAgency: 'MFA' } },
      recorded,
    )) {
      recorded.push({ event, eventId: id(101 + recorded.length) });
    }
  }
  return recorded;
}

const consultation = history(convene, { command: oagView, actor: actors.oag }, consensus, {
  command: { ...oagView, issueId: 'offences' },
  actor: actors.oag,
});
const [convenedId, viewId, outcomeId, offencesViewId] = [id(1), id(2), id(3), id(4)];
const drafts = positionHistory(draft('listening'), draft('support'));
const [firstDraftId] = [id(101)];

function sources(consultationEvents = consultation, positionEvents = drafts): BasisSources {
  return {
    consultations: new Map([[CONSULTATION, fold(consultationDecider, consultationEvents)]]),
    position: fold(positionDecider, positionEvents),
  };
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    return err instanceof DomainError ? err.code : String(err);
  }
}

t.test('views and outcomes on the issue in a named consultation, and earlier drafts, are a basis', async (t) => {
  t.equal(
    codeOf(() =>
      checkBasis('scope', { consultationIds: [CONSULTATION], eventIds: [viewId, outcomeId, firstDraftId] }, sources()),
    ),
    undefined,
  );
});

t.test('an id found nowhere is basis_event_not_found; one in a consultation that is not named is too', async (t) => {
  t.equal(
    codeOf(() => checkBasis('scope', { consultationIds: [CONSULTATION], eventIds: [id(999)] }, sources())),
    'basis_event_not_found',
  );
  t.equal(
    codeOf(() =>
      checkBasis(
        'scope',
        { consultationIds: [], eventIds: [viewId] },
        { consultations: new Map(), position: fold(positionDecider, drafts) },
      ),
    ),
    'basis_event_not_found',
  );
});

t.test('a view on another issue, or the convening itself, cannot be a basis', async (t) => {
  t.equal(
    codeOf(() => checkBasis('scope', { consultationIds: [CONSULTATION], eventIds: [offencesViewId] }, sources())),
    'basis_event_off_issue',
  );
  t.equal(
    codeOf(() => checkBasis('scope', { consultationIds: [CONSULTATION], eventIds: [convenedId] }, sources())),
    'basis_event_not_an_input',
  );
});

t.test('a retracted view or a retracted draft cannot be a basis; a reinstated view can again', async (t) => {
  const retracted = history(convene, { command: oagView, actor: actors.oag }, consensus, {
    command: retract('consultation', CONSULTATION, viewId),
    actor: actors.oag,
  });
  t.equal(
    codeOf(() => checkBasis('scope', { consultationIds: [CONSULTATION], eventIds: [viewId] }, sources(retracted))),
    'basis_event_retracted',
  );
  const reinstated = history(
    convene,
    { command: oagView, actor: actors.oag },
    consensus,
    { command: retract('consultation', CONSULTATION, viewId), actor: actors.oag },
    retract('consultation', CONSULTATION, id(4), true),
  );
  t.equal(
    codeOf(() => checkBasis('scope', { consultationIds: [CONSULTATION], eventIds: [viewId] }, sources(reinstated))),
    undefined,
  );
  const draftRetracted = positionHistory(
    draft('listening'),
    draft('support'),
    retract('position', 'scope', firstDraftId),
  );
  t.equal(
    codeOf(() =>
      checkBasis('scope', { consultationIds: [], eventIds: [firstDraftId] }, sources(consultation, draftRetracted)),
    ),
    'basis_event_retracted',
  );
});

t.test('every named consultation must exist and have the issue on its agenda', async (t) => {
  t.equal(
    codeOf(() => checkBasis('scope', { consultationIds: [CONSULTATION], eventIds: [] }, sources())),
    undefined,
  );
  t.equal(
    codeOf(() => checkBasis('protocol', { consultationIds: [CONSULTATION], eventIds: [] }, sources())),
    'basis_consultation_off_issue',
  );
  const unknown = id(777);
  const withUnknown: BasisSources = {
    ...sources(),
    consultations: new Map([...sources().consultations, [unknown, fold(consultationDecider, [])]]),
  };
  t.equal(
    codeOf(() => checkBasis('scope', { consultationIds: [CONSULTATION, unknown], eventIds: [] }, withUnknown)),
    'consultation_not_found',
  );
});
